import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** One attribute's new value (null removes it), as the workflow upserts it and a client starts with it. */
export type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';

/**
 * The custom search attributes every initiative workflow keeps current, so that ops can find
 * initiatives in the Temporal UI and CLI (`CiPhase="AwaitingApproval" AND CiCycle > 1`).
 * This is the single definition: the dev server, docker-compose setup and tests derive from it.
 */
export const SearchAttributes = {
  phase: defineSearchAttributeKey('CiPhase', SearchAttributeType.KEYWORD),
  service: defineSearchAttributeKey('CiService', SearchAttributeType.KEYWORD),
  owner: defineSearchAttributeKey('CiOwner', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('CiDepartment', SearchAttributeType.KEYWORD),
  cycle: defineSearchAttributeKey('CiCycle', SearchAttributeType.INT),
  waitingOn: defineSearchAttributeKey('CiWaitingOn', SearchAttributeType.KEYWORD_LIST),
} as const;

export const allSearchAttributes = Object.values(SearchAttributes);

/** Set by Temporal on every run a schedule starts: the instant it was scheduled for. */
export const SCHEDULED_START_TIME = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

/**
 * Temporal's default limit on one search attribute value (`limit.searchAttributes.sizeOfValue`,
 * bytes of its JSON): an upsert above it fails the workflow task, again on every retry.
 */
export const SEARCH_ATTRIBUTE_VALUE_MAX_BYTES = 2_048;

const cliTypeNames: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** `Name=Type` pairs as the `temporal` CLI takes them (`--search-attribute`, `operator search-attribute create`). */
export function searchAttributeCliPairs(): { name: string; type: string }[] {
  return allSearchAttributes.map((key) => ({ name: key.name, type: cliTypeNames[key.type] }));
}

import type { NotificationKind } from './audit-actions';

/** The languages emails and the web app speak. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A token's or an admin's locale tag (`zh`, `zh-Hans-CN`, `en-GB`...) as one of ours. */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/**
 * One person in the directory: learned from the claims of their token each time they sign in or
 * call (`source: 'token'`), or entered by an admin for someone who never signed in (`'admin'`).
 */
export interface Person {
  /** The token's `sub`. */
  id: string;
  email: string | null;
  displayName: string | null;
  locale: Locale;
  roles: string[];
  departments: string[];
  source: 'token' | 'admin';
  /** When their token was last seen; null for someone who never signed in. */
  lastSeenAt: string | null;
  updatedAt: string;
}

/**
 * Notifications about initiatives that reach people by email besides the outbox's kinds: a new
 * wait on them (a plan to approve, a task, a training).
 */
export const ASSIGNMENT_KINDS = ['approval-requested', 'task-assigned', 'training-assigned'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** Every kind a person can choose how to hear of. */
export type MailKind = NotificationKind | AssignmentKind;

/** The digest itself (one a day per person), sent only by email. */
export const DIGEST_KIND = 'daily-digest' as const;

/** How a person hears of one kind: an email at once, a line in the daily digest, or nothing. */
export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** What a person chooses how to hear of: each kind, and the digest itself (`off` stops it). */
export type PreferenceKind = MailKind | typeof DIGEST_KIND;

/** A person's choice per kind; kinds not named are `immediate`. */
export type NotificationPreferences = Partial<Record<PreferenceKind, DeliveryMode>>;

/**
 * An out-of-office delegation: from `startsAt` to `endsAt`, waits that resolve to the delegator
 * also resolve to the delegate, who may act for them (recorded "by delegate on behalf of
 * delegator"). One hop only: a delegate never passes it on, and acts with the delegator's roles.
 */
export interface Delegation {
  id: string;
  delegator: string;
  delegate: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdAt: string;
  /** Set when the delegator ended it early. */
  revokedAt: string | null;
}

/** The request header naming whom the caller acts for, under a delegation running now. */
export const ON_BEHALF_OF_HEADER = 'on-behalf-of';

/** What people ask of the directory; refusals are recorded as refused requests under these names. */
export const PEOPLE_ACTIONS = ['put-person', 'create-delegation'] as const;
export type PeopleAction = (typeof PEOPLE_ACTIONS)[number];

/** One thing waiting on a person, as their digest lists it. */
export interface DigestLine {
  initiativeId: string;
  title: string;
  /** The wait's kind (approval, task, training...). */
  kind: string;
  /** What exactly: a task id, a trainee, a plan version. */
  subject: string | null;
  /** Whom the wait names: the role, department or person it resolved through. */
  who: { role?: string; department?: string; person?: string };
  since: string;
  dueAt: string | null;
  overdue: boolean;
  /** Set when it reaches the person as a delegate: whom they stand in for. */
  onBehalfOf: string | null;
}

/** A notification the person chose to hear of in the digest rather than at once. */
export interface DigestNotice {
  kind: string;
  initiativeId: string | null;
  title: string | null;
  subject: string;
  at: string;
}

/** The payload of a `daily-digest` notification: a person's day, overdue first. */
export interface DigestPayload {
  /** The digest's day (YYYY-MM-DD in DIGEST_TIMEZONE). */
  day: string;
  /** What waits on them (or on whom they stand in for), overdue first, then by due date. */
  waiting: DigestLine[];
  /** For holders of an escalation role: what is overdue in the initiatives that escalate to it. */
  overdue: DigestLine[];
  /** Notifications they chose to hear of in the digest, since the previous one. */
  notices: DigestNotice[];
}

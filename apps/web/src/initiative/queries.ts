import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, readingFor, unwrap } from '../api/client';
import type { Initiative } from '../api/types';

/** Between refreshes of an initiative that waits on nothing soon. */
const IDLE_REFRESH_MS = 5_000;
/** The soonest refresh, so that a deadline passing shows within a second or so. */
const SOONEST_REFRESH_MS = 1_000;
/** How long after a deadline the initiative has usually taken its step. */
const STEP_GRACE_MS = 750;

/** The end of a key read for someone the caller stands in for. */
const forWhom = (onBehalfOf: string | undefined) => (onBehalfOf ? (['for', onBehalfOf] as const) : []);

export const initiativeKeys = {
  all: ['initiative'] as const,
  /** As the caller sees it; with `onBehalfOf`, as the delegate of that person (below the first). */
  detail: (id: string, onBehalfOf?: string) =>
    onBehalfOf ? (['initiative', id, 'for', onBehalfOf] as const) : (['initiative', id] as const),
  audit: (id: string, onBehalfOf?: string) => ['initiative', id, 'audit', ...forWhom(onBehalfOf)] as const,
  timeline: (id: string, onBehalfOf?: string) =>
    ['initiative', id, 'timeline', ...forWhom(onBehalfOf)] as const,
  series: (id: string, kpi: string, onBehalfOf?: string) =>
    ['initiative', id, 'series', kpi, ...forWhom(onBehalfOf)] as const,
};

/** Refresh soon after the next deadline the initiative waits for, else every IDLE_REFRESH_MS. */
export function nextRefreshMs(initiative: Initiative | undefined, now = Date.now()): number {
  if (!initiative || initiative.state.phase === 'Closed') return IDLE_REFRESH_MS;
  const deadlines = initiative.state.waitingOn
    .map((wait) => (wait.dueAt ? Date.parse(wait.dueAt) : Number.NaN))
    .filter((at) => !Number.isNaN(at) && at + STEP_GRACE_MS > now);
  if (deadlines.length === 0) return IDLE_REFRESH_MS;
  const wait = Math.min(...deadlines) + STEP_GRACE_MS - now;
  return Math.min(IDLE_REFRESH_MS, Math.max(SOONEST_REFRESH_MS, wait));
}

/** The initiative, and what the caller may do on it: as themselves, or for whom they stand in for. */
export function initiativeQuery(id: string, onBehalfOf?: string) {
  return queryOptions({
    queryKey: initiativeKeys.detail(id, onBehalfOf),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/initiatives/{id}', { params: { path: { id }, ...readingFor(onBehalfOf) }, signal })),
    refetchInterval: (query) => nextRefreshMs(query.state.data),
  });
}

export const AUDIT_PAGE_SIZE = 50;

export function auditQuery(id: string, onBehalfOf?: string) {
  return infiniteQueryOptions({
    queryKey: initiativeKeys.audit(id, onBehalfOf),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/initiatives/{id}/audit', {
          params: {
            path: { id },
            query: { limit: AUDIT_PAGE_SIZE, ...(pageParam ? { afterId: pageParam } : {}) },
            ...readingFor(onBehalfOf),
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextAfterId ?? undefined,
  });
}

/** The trail's entries the timeline places among the cycles (pauses, reminders, extensions). */
export function timelineEventsQuery(id: string, onBehalfOf?: string) {
  return queryOptions({
    queryKey: initiativeKeys.timeline(id, onBehalfOf),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/initiatives/{id}/audit', {
          params: { path: { id }, query: { limit: 1000 }, ...readingFor(onBehalfOf) },
          signal,
        }),
      ),
  });
}

/** Buckets across the chart's width. */
export const SERIES_POINTS = 240;

export function seriesQuery(id: string, kpi: string, onBehalfOf?: string) {
  return queryOptions({
    queryKey: initiativeKeys.series(id, kpi, onBehalfOf),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/initiatives/{id}/kpis/{kpi}/series', {
          params: { path: { id, kpi }, query: { points: SERIES_POINTS }, ...readingFor(onBehalfOf) },
          signal,
        }),
      ),
    refetchInterval: 15_000,
  });
}

import { heartbeat } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { composeDigest, digestRecipients, enqueueDigest } from '@cio/persistence';
import { classifyDatabaseError } from './register-errors';

export interface DailyDigestInput {
  /** The run's instant (its schedule's): the digest's day is this instant's date in `timeZone`. */
  at: string;
  /** IANA time zone of the day (DIGEST_TIMEZONE). */
  timeZone: string;
}

export interface DailyDigestResult {
  day: string;
  /** People whose digest was enqueued by this attempt (a retry counts only the rest). */
  enqueued: number;
  /** People with nothing waiting: no digest. */
  empty: number;
}

const PAGE = 200;
/** People whose digests are composed at once (well under the register's pool, DB_POOL_SIZE). */
const CONCURRENCY = 4;

/** The date of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The daily digest run: every person in the directory with an address gets one notification
 * keyed by person and day, listing what waits on them. Idempotent: a retry (or a second run of
 * the same day) enqueues nobody twice. Heartbeats every few people, so a lost worker is noticed.
 */
export function createDigestActivities(deps: { dataSource: DataSource }) {
  return {
    async sendDailyDigests(input: DailyDigestInput): Promise<DailyDigestResult> {
      const at = new Date(input.at);
      const day = dayIn(at, input.timeZone);
      const result: DailyDigestResult = { day, enqueued: 0, empty: 0 };
      let after: string | null = null;
      for (;;) {
        const people: string[] = await digestRecipients(deps.dataSource, after, PAGE).catch(
          classifyDatabaseError,
        );
        // A few people at a time: each digest is a handful of short queries, mostly planning.
        for (let i = 0; i < people.length; i += CONCURRENCY) {
          const group = people.slice(i, i + CONCURRENCY);
          await Promise.all(
            group.map(async (person) => {
              const digest = await composeDigest(deps.dataSource, person, day, at).catch(
                classifyDatabaseError,
              );
              const empty = digest.waiting.length + digest.overdue.length + digest.notices.length === 0;
              if (empty) result.empty += 1;
              else if (await enqueueDigest(deps.dataSource, person, digest, at).catch(classifyDatabaseError))
                result.enqueued += 1;
            }),
          );
          heartbeat({ person: group.at(-1) });
        }
        if (people.length < PAGE) return result;
        after = people[people.length - 1] ?? null;
      }
    },
  };
}

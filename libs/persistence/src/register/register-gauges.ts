import type { DataSource } from 'typeorm';
import { NO_EMAIL_ADDRESS, NO_LONGER_REACHED } from './email-outbox';
import { unreachedWaits } from './people';

/** What the worker's gauges report, read from the register (the same totals from every replica). */
export interface RegisterGauges {
  phases: { phase: string; n: number }[];
  overdue: number;
  notifications: { kind: string; status: string; n: number }[];
  /**
   * Deliveries of notifications (webhook calls, emails) by channel and status: pending, delivered,
   * failed, or dropped (an email to someone without an address, or no longer reached).
   */
  deliveries: { channel: string; status: string; n: number }[];
  evaluations: { kind: string; verdict: string; n: number }[];
  /** Open collection windows of pulled KPIs by data source, and those whose pulls are failing. */
  collection: { dataSource: string; open: number; failing: number }[];
  /** Waits of open initiatives that reach nobody in the directory, by what they name. */
  unreached: { kind: 'role' | 'department' | 'person'; n: number }[];
}

/**
 * Initiatives by phase, overdue waits, notifications by kind and status, deliveries by channel and
 * status, evaluations by verdict, collection windows by data source, waits that reach nobody.
 *
 * One after another on one connection, so that the gauges never hold more than one of the pool's
 * (the digest and the dispatchers share it).
 */
export async function registerGauges(db: DataSource): Promise<RegisterGauges> {
  return db.transaction(async (tx) => {
    const phases: RegisterGauges['phases'] = await tx.query(
      `SELECT phase, count(*)::int AS n FROM initiatives GROUP BY phase`,
    );
    const [overdue]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM initiatives WHERE phase <> 'Closed' AND next_due_at < now()`,
    );
    const notifications: RegisterGauges['notifications'] = await tx.query(
      `SELECT kind, status, count(*)::int AS n FROM notifications GROUP BY kind, status`,
    );
    // An email not sent on purpose (the person has no address, or is no longer reached) is
    // recorded as failed, but is not a failure to deliver: it is reported as dropped.
    const deliveries: RegisterGauges['deliveries'] = await tx.query(
      `SELECT channel,
              CASE WHEN status = 'failed' AND last_error = ANY($1::text[]) THEN 'dropped' ELSE status END AS status,
              count(*)::int AS n
         FROM notification_deliveries GROUP BY 1, 2`,
      [[NO_EMAIL_ADDRESS, NO_LONGER_REACHED]],
    );
    const evaluations: RegisterGauges['evaluations'] = await tx.query(
      `SELECT kind, verdict, count(*)::int AS n FROM evaluations GROUP BY kind, verdict`,
    );
    const collection: RegisterGauges['collection'] = await tx.query(
      `SELECT source->>'dataSource' AS "dataSource", count(*)::int AS open,
              count(*) FILTER (WHERE failing_since IS NOT NULL)::int AS failing
         FROM collection_windows WHERE open GROUP BY 1`,
    );
    const unreached = await unreachedWaits(tx);
    return {
      phases,
      overdue: overdue?.n ?? 0,
      notifications,
      deliveries,
      evaluations,
      collection,
      unreached,
    };
  });
}

import type { DataSource } from 'typeorm';
import { unreachedWaits } from './people';

/** What the worker's gauges report, read from the register (the same totals from every replica). */
export interface RegisterGauges {
  phases: { phase: string; n: number }[];
  overdue: number;
  notifications: { kind: string; status: string; n: number }[];
  /** Deliveries of notifications (webhook calls, emails) by channel and status. */
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
 */
export async function registerGauges(db: DataSource): Promise<RegisterGauges> {
  const [phases, [overdue], notifications, deliveries, evaluations, collection, unreached] =
    await Promise.all([
      db.query(`SELECT phase, count(*)::int AS n FROM initiatives GROUP BY phase`) as Promise<
        RegisterGauges['phases']
      >,
      db.query(
        `SELECT count(*)::int AS n FROM initiatives WHERE phase <> 'Closed' AND next_due_at < now()`,
      ) as Promise<{ n: number }[]>,
      db.query(`SELECT kind, status, count(*)::int AS n FROM notifications GROUP BY kind, status`) as Promise<
        RegisterGauges['notifications']
      >,
      db.query(
        `SELECT channel, status, count(*)::int AS n FROM notification_deliveries GROUP BY channel, status`,
      ) as Promise<RegisterGauges['deliveries']>,
      db.query(`SELECT kind, verdict, count(*)::int AS n FROM evaluations GROUP BY kind, verdict`) as Promise<
        RegisterGauges['evaluations']
      >,
      db.query(
        `SELECT source->>'dataSource' AS "dataSource", count(*)::int AS open,
              count(*) FILTER (WHERE failing_since IS NOT NULL)::int AS failing
         FROM collection_windows WHERE open GROUP BY 1`,
      ) as Promise<RegisterGauges['collection']>,
      unreachedWaits(db),
    ]);
  return { phases, overdue: overdue?.n ?? 0, notifications, deliveries, evaluations, collection, unreached };
}

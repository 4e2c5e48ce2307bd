import type { DataSource } from 'typeorm';
import type {
  AuditInput,
  KpiMeasurement,
  MeasureKpisInput,
  NotifyInput,
  RegisterInitiativeInput,
} from './activity-contracts';
import { classifyDatabaseError, initiativeNotFound } from './register-errors';

/**
 * The register writes and reads the initiative workflow needs. Each write is idempotent by its
 * natural key (ON CONFLICT DO NOTHING), so a retried activity never writes a row twice.
 */
export function createInitiativeActivities(deps: { dataSource: DataSource }) {
  const db = deps.dataSource;

  return {
    async registerInitiative(input: RegisterInitiativeInput): Promise<void> {
      const { definition } = input;
      await db
        .query(
          `INSERT INTO initiatives (id, workflow_id, title, service, department, owner, phase, cycle, definition)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO NOTHING`,
          [
            definition.id,
            input.workflowId,
            definition.title,
            definition.service,
            definition.department,
            definition.owner,
            input.phase,
            input.cycle,
            JSON.stringify({ kpis: definition.kpis, policy: definition.policy }),
          ],
        )
        .catch(classifyDatabaseError);
    },

    async recordAudit(input: AuditInput): Promise<void> {
      await db
        .transaction(async (tx) => {
          const updated: [unknown[], number] = await tx.query(
            `UPDATE initiatives SET phase = $2, cycle = $3, updated_at = now() WHERE id = $1`,
            [input.initiativeId, input.phase, input.cycle],
          );
          if (updated[1] === 0) initiativeNotFound(input.initiativeId);
          await tx.query(
            `INSERT INTO audit_entries
               (initiative_id, workflow_id, cycle, sequence, actor, role, action, details, request_id, occurred_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT ON CONSTRAINT uq_audit_entries_step DO NOTHING`,
            [
              input.initiativeId,
              input.workflowId,
              input.cycle,
              input.sequence,
              input.actor,
              input.role,
              input.action,
              JSON.stringify(input.details),
              input.requestId ?? null,
              input.occurredAt,
            ],
          );
        })
        .catch(classifyDatabaseError);
    },

    async notify(input: NotifyInput): Promise<void> {
      await db
        .query(
          `INSERT INTO notifications
             (key, initiative_id, kind, recipient_role, recipient_department, recipient_person, subject, payload)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key) DO NOTHING`,
          [
            input.key,
            input.initiativeId,
            input.kind,
            input.to.role ?? null,
            input.to.department ?? null,
            input.to.person ?? null,
            input.subject,
            JSON.stringify(input.payload),
          ],
        )
        .catch(classifyDatabaseError);
    },

    /** One query per window: PostgreSQL aggregates the samples, they never enter workflow history. */
    async measureKpis(input: MeasureKpisInput): Promise<KpiMeasurement[]> {
      const rows: {
        kpi: string;
        samples: number;
        mean: number | null;
        median: number | null;
        p90: number | null;
        p95: number | null;
        last: number | null;
      }[] = await db
        .query(
          `SELECT kpi,
                  count(*)::int AS samples,
                  avg(value) AS mean,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90,
                  percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95,
                  (array_agg(value ORDER BY observed_at DESC, id DESC))[1] AS last
             FROM measurements
            WHERE initiative_id = $1 AND kpi = ANY($2) AND observed_at >= $3 AND observed_at < $4
            GROUP BY kpi`,
          [input.initiativeId, input.kpis.map((k) => k.name), input.from, input.to],
        )
        .catch(classifyDatabaseError);
      return input.kpis.map(({ name, aggregate }) => {
        const row = rows.find((r) => r.kpi === name);
        if (!row) return { kpi: name, value: null, samples: 0 };
        // A rate KPI records 1 for an event and 0 otherwise: its rate is the mean.
        const value = aggregate === 'rate' ? row.mean : row[aggregate];
        return { kpi: name, value: value === null ? null : Number(value), samples: row.samples };
      });
    },
  };
}

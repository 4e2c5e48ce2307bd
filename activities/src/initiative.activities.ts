import type { DataSource } from 'typeorm';
import { policyRoles } from '@cio/domain';
import type { AuditInput, NotifyInput, RegisterInitiativeInput } from './activity-contracts';
import { classifyDatabaseError, initiativeNotFound } from './register-errors';
import { recordStep } from './register-projection';

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
          `INSERT INTO initiatives
             (id, workflow_id, title, service, department, owner, phase, cycle, definition, policy_roles)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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
            policyRoles(definition.policy),
          ],
        )
        .catch(classifyDatabaseError);
    },

    async recordAudit(input: AuditInput): Promise<void> {
      await db
        .transaction(async (tx) => {
          // The row lock serialises concurrent steps of one initiative.
          const rows: { audit_cycle: number; audit_sequence: number }[] = await tx.query(
            `SELECT audit_cycle, audit_sequence FROM initiatives WHERE id = $1 FOR UPDATE`,
            [input.initiativeId],
          );
          const current = rows[0];
          if (!current) initiativeNotFound(input.initiativeId);
          const newest =
            input.cycle > current.audit_cycle ||
            (input.cycle === current.audit_cycle && input.sequence > current.audit_sequence);
          await recordStep(tx, input, newest);
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
  };
}

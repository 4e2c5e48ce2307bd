import type { DataSource } from 'typeorm';
import type { InitiativeDefinition } from '@cio/contracts';
import { policyRoles } from '@cio/domain';

export interface InitiativeRegistration {
  workflowId: string;
  definition: InitiativeDefinition;
  phase: string;
  cycle: number;
}

/**
 * Enters a new initiative in the register; registering it again (a retry, or the gateway and the
 * workflow at once) writes nothing. No conflict target: two INSERTs in flight together can meet
 * on the workflow id's unique index first, and that is the same row too.
 */
export async function registerInitiative(
  db: DataSource,
  registration: InitiativeRegistration,
): Promise<void> {
  const { definition } = registration;
  await db.query(
    `INSERT INTO initiatives
       (id, workflow_id, title, service, department, owner, phase, cycle, definition, policy_roles)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT DO NOTHING`,
    [
      definition.id,
      registration.workflowId,
      definition.title,
      definition.service,
      definition.department,
      definition.owner,
      registration.phase,
      registration.cycle,
      JSON.stringify({ kpis: definition.kpis, policy: definition.policy }),
      policyRoles(definition.policy),
    ],
  );
}

/** Which migrations the register has applied, oldest first. */
export async function appliedMigrations(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query('SELECT name FROM schema_migrations ORDER BY timestamp');
  return rows.map((row) => row.name);
}

/** Whether the register answers at all (readiness probes). */
export async function pingRegister(db: DataSource): Promise<void> {
  await db.query('SELECT 1');
}

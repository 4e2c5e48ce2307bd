import type { DataSource } from 'typeorm';
import { enqueueNotification, recordWorkflowStep, registerInitiative } from '@cio/persistence';
import type { AuditInput, NotifyInput, RegisterInitiativeInput } from './activity-contracts';
import { classifyDatabaseError } from './register-errors';

/**
 * The register writes the initiative workflow needs. Each is idempotent by its natural key
 * (ON CONFLICT DO NOTHING), so a retried activity never writes a row twice.
 */
export function createInitiativeActivities(deps: { dataSource: DataSource }) {
  const db = deps.dataSource;
  return {
    async registerInitiative(input: RegisterInitiativeInput): Promise<void> {
      await registerInitiative(db, input).catch(classifyDatabaseError);
    },

    /** The step's audit entry and its projection into the register, under the initiative's lock. */
    async recordAudit(input: AuditInput): Promise<void> {
      await recordWorkflowStep(db, input).catch(classifyDatabaseError);
    },

    async notify(input: NotifyInput): Promise<void> {
      await enqueueNotification(db, input).catch(classifyDatabaseError);
    },
  };
}

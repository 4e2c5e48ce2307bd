import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The audit trail: who did what, when, and what changed. Workflow-written rows are unique by
 * (workflow id, cycle, sequence), which makes their activity idempotent.
 */
@Entity({ name: 'audit_entries' })
@Unique('uq_audit_entries_step', ['workflowId', 'cycle', 'sequence'])
@Index('idx_audit_entries_trail', ['initiativeId', 'occurredAt', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'int' })
  cycle!: number;

  /** Null for refused actions the gateway records: they are no workflow step. */
  @Column({ type: 'int', nullable: true })
  sequence!: number | null;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', default: 'accepted' })
  outcome!: 'accepted' | 'refused';

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

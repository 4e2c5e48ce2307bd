import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WaitingOn } from '@cio/contracts';

/**
 * One row per initiative: what it is, and where its workflow stands (kept current by activities).
 * The table also has `search_text`, a generated column for text search that no code writes.
 */
@Entity({ name: 'initiatives' })
@Index('idx_initiatives_page', ['createdAt', 'id'])
export class InitiativeEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text' })
  phase!: string;

  @Column({ type: 'int', default: 1 })
  cycle!: number;

  /** KPIs, target and policy as submitted at creation. */
  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  /** Every role the policy names (approvers, managers, escalation): they may read the initiative. */
  @Column({ name: 'policy_roles', type: 'text', array: true, default: () => "'{}'" })
  policyRoles!: string[];

  /** What the initiative waits on now, flattened into arrays for "my work" (GIN-indexed). */
  @Column({ name: 'waiting_on', type: 'jsonb', default: () => "'[]'::jsonb" })
  waitingOn!: WaitingOn[];

  @Column({ name: 'waiting_roles', type: 'text', array: true, default: () => "'{}'" })
  waitingRoles!: string[];

  @Column({ name: 'waiting_departments', type: 'text', array: true, default: () => "'{}'" })
  waitingDepartments!: string[];

  @Column({ name: 'waiting_people', type: 'text', array: true, default: () => "'{}'" })
  waitingPeople!: string[];

  /** Departments and people named in any of its plans (measures, tasks, trainees): they always see it. */
  @Column({ name: 'involved_departments', type: 'text', array: true, default: () => "'{}'" })
  involvedDepartments!: string[];

  @Column({ name: 'involved_people', type: 'text', array: true, default: () => "'{}'" })
  involvedPeople!: string[];

  /** Cycles it may run: the policy's limit, raised by extensions (null until a step records it). */
  @Column({ name: 'max_cycles', type: 'int', nullable: true })
  maxCycles!: number | null;

  /** The verdict of its latest evaluation or follow-up review: met, not-met or inconclusive. */
  @Column({ name: 'last_verdict', type: 'text', nullable: true })
  lastVerdict!: string | null;

  /** The earliest deadline among the waits. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ name: 'phase_since', type: 'timestamptz', nullable: true })
  phaseSince!: Date | null;

  @Column({ name: 'closed_outcome', type: 'text', nullable: true })
  closedOutcome!: string | null;

  /** The opportunity it was promoted from. */
  @Column({ name: 'opportunity_id', type: 'text', nullable: true })
  opportunityId!: string | null;

  /** How it ended, when someone set it (else derived from `closed_outcome`), and why. */
  @Column({ name: 'closure_code', type: 'text', nullable: true })
  closureCode!: string | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: string | null;

  @Column({ name: 'closure_by', type: 'text', nullable: true })
  closureBy!: string | null;

  /** The benefit category it achieved. */
  @Column({ name: 'achieved_benefit', type: 'text', nullable: true })
  achievedBenefit!: string | null;

  /** The (cycle, sequence) of the workflow step this row reflects: an older step never overwrites it. */
  @Column({ name: 'audit_cycle', type: 'int', default: 0 })
  auditCycle!: number;

  @Column({ name: 'audit_sequence', type: 'int', default: 0 })
  auditSequence!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One role's decision on one plan version; a role decides a version once. */
@Entity({ name: 'approval_decisions' })
export class ApprovalDecisionEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  cycle!: number;

  @PrimaryColumn({ name: 'plan_version', type: 'int' })
  planVersion!: number;

  @PrimaryColumn({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  decision!: 'approved' | 'rejected';

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  /** Set when a delegate decided: the person they stood in for. */
  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

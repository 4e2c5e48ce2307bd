import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Measure } from '@cio/contracts';

/** A submitted plan. A rework is a new version; decisions belong to one version. */
@Entity({ name: 'plan_versions' })
export class PlanVersionEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  cycle!: number;

  /** Versions count from 1 in every cycle. */
  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** awaiting-approval, approved, rejected or superseded. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  measures!: Measure[];
}

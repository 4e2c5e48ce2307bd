import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An improvement opportunity in the register (see the migration for its indexes). */
@Entity({ name: 'opportunities' })
export class OpportunityEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  origin!: string;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'benefit_category', type: 'text' })
  benefitCategory!: string;

  @Column({ name: 'benefit_level', type: 'text' })
  benefitLevel!: string;

  @Column({ name: 'benefit_description', type: 'text' })
  benefitDescription!: string;

  @Column({ type: 'text' })
  effort!: string;

  @Column({ type: 'text' })
  risk!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  objectives!: string[];

  @Column({ type: 'text', default: 'new' })
  status!: string;

  @Column({ name: 'raised_by', type: 'text' })
  raisedBy!: string;

  @Column({ type: 'int', default: 0 })
  supporters!: number;

  @Column({ type: 'int', default: 0 })
  comments!: number;

  /** The priority score under the model `score_model` names (rescored when the weights change). */
  @Column({ type: 'double precision' })
  score!: number;

  @Column({ name: 'score_model', type: 'text' })
  scoreModel!: string;

  @Column({ name: 'triaged_by', type: 'text', nullable: true })
  triagedBy!: string | null;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  @Column({ name: 'triage_reason', type: 'text', nullable: true })
  triageReason!: string | null;

  @Column({ name: 'duplicate_of', type: 'text', nullable: true })
  duplicateOf!: string | null;

  @Column({ name: 'initiative_id', type: 'text', nullable: true, unique: true })
  initiativeId!: string | null;

  /** The service watch that raised it. */
  @Column({ name: 'watch_id', type: 'text', nullable: true })
  watchId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

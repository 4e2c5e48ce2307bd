import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One row per initiative: what it is, and where its workflow stands (kept current by activities). */
@Entity({ name: 'initiatives' })
export class InitiativeEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Index('idx_initiatives_service')
  @Column({ type: 'text' })
  service!: string;

  @Index('idx_initiatives_department')
  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Index('idx_initiatives_phase')
  @Column({ type: 'text' })
  phase!: string;

  @Column({ type: 'int', default: 1 })
  cycle!: number;

  /** KPIs, target and policy as submitted at creation. */
  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One optimisation cycle: plan, implementation, evaluation. Ends with the evaluation's outcome. */
@Entity({ name: 'cycles' })
export class CycleEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  cycle!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** met, not-met, inconclusive, regression or cancelled. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}

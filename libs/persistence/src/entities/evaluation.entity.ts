import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One KPI judged at the end of an evaluation window or at a follow-up review. */
@Entity({ name: 'evaluations' })
@Unique('uq_evaluations_kpi', ['initiativeId', 'cycle', 'kind', 'reviewNumber', 'kpi'])
export class EvaluationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @Column({ type: 'int' })
  cycle!: number;

  @Column({ type: 'text' })
  kind!: 'evaluation' | 'follow-up';

  /** 0 for a cycle's evaluation; the review's number for a follow-up. */
  @Column({ name: 'review_number', type: 'int', default: 0 })
  reviewNumber!: number;

  @Column({ type: 'text' })
  kpi!: string;

  @Column({ type: 'text' })
  aggregate!: string;

  @Column({ type: 'double precision' })
  baseline!: number;

  @Column({ type: 'double precision' })
  target!: number;

  @Column({ type: 'double precision', nullable: true })
  observed!: number | null;

  @Column({ type: 'int' })
  samples!: number;

  @Column({ type: 'text' })
  verdict!: 'met' | 'not-met' | 'inconclusive';

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ name: 'change_absolute', type: 'double precision', nullable: true })
  changeAbsolute!: number | null;

  @Column({ name: 'change_percent', type: 'double precision', nullable: true })
  changePercent!: number | null;

  /** welch-t or mann-whitney-u; null when no test applies (e.g. `last`). */
  @Column({ type: 'text', nullable: true })
  test!: string | null;

  @Column({ name: 'p_value', type: 'double precision', nullable: true })
  pValue!: number | null;

  @Column({ name: 'ci_low', type: 'double precision', nullable: true })
  ciLow!: number | null;

  @Column({ name: 'ci_high', type: 'double precision', nullable: true })
  ciHigh!: number | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

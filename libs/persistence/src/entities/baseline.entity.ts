import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A KPI's baseline, measured once over the assessment window. */
@Entity({ name: 'baselines' })
export class BaselineEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'text' })
  kpi!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'int' })
  samples!: number;

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

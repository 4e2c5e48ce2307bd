import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One KPI sample. A client key makes a re-sent batch count once. */
@Entity({ name: 'measurements' })
@Unique('uq_measurements_client_key', ['initiativeId', 'clientKey'])
@Index('idx_measurements_window', ['initiativeId', 'kpi', 'observedAt'])
export class MeasurementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @Column({ type: 'text' })
  kpi!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'text', default: 'api' })
  source!: string;

  @Column({ name: 'client_key', type: 'text', nullable: true })
  clientKey!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

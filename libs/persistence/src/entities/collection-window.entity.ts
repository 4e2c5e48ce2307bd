import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A window whose pulled KPI the worker collects while it is open (see the migration). */
@Entity({ name: 'collection_windows' })
@Index('idx_collection_windows_due', ['nextPullAt'], { where: 'open' })
export class CollectionWindowEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'text' })
  kpi!: string;

  @PrimaryColumn({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  /** The KPI's source: data source and query. */
  @Column({ type: 'jsonb' })
  source!: Record<string, unknown>;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ type: 'boolean', default: true })
  open!: boolean;

  @Column({ name: 'collected_until', type: 'timestamptz' })
  collectedUntil!: Date;

  @Column({ name: 'next_pull_at', type: 'timestamptz', default: () => 'now()' })
  nextPullAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_pull_at', type: 'timestamptz', nullable: true })
  lastPullAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;
}

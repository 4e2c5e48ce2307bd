import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A service watch and where its checks stand (its schedule lives in Temporal). */
@Entity({ name: 'service_watches' })
export class ServiceWatchEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** The creating request's key (its creator's Idempotency-Key, hashed): a keyed retry completes it. */
  @Column({ name: 'created_key', type: 'text', nullable: true })
  createdKey!: string | null;

  @Column({ name: 'consecutive_breaches', type: 'int', default: 0 })
  consecutiveBreaches!: number;

  @Column({ name: 'last_checked_at', type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome!: string | null;

  @Column({ name: 'last_evidence', type: 'jsonb', nullable: true })
  lastEvidence!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** One check of a watch, once per scheduled time (a retried check finds its row and stops). */
@Entity({ name: 'watch_checks' })
export class WatchCheckEntity {
  @PrimaryColumn({ name: 'watch_id', type: 'text' })
  watchId!: string;

  @PrimaryColumn({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'int' })
  consecutive!: number;

  /** What the check did: raised or supported the watch's opportunity, noted a recovery, or none. */
  @Column({ type: 'text' })
  act!: string;

  @Column({ name: 'opportunity_id', type: 'text', nullable: true })
  opportunityId!: string | null;
}

/** A sample pushed to a watch whose KPI has no data source. */
@Entity({ name: 'watch_samples' })
export class WatchSampleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'watch_id', type: 'text' })
  watchId!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ name: 'client_key', type: 'text', nullable: true })
  clientKey!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

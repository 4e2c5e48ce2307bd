import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A request the gateway refused that has no initiative to attach to (creating one the caller may
 * not create). Refusals on an existing initiative go to its audit trail instead.
 */
@Entity({ name: 'refused_requests' })
@Index('idx_refused_requests_time', ['occurredAt', 'id'])
export class RefusedRequestEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text', array: true })
  departments!: string[];

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;

  /** What it was about, e.g. the initiative id or department asked for. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}

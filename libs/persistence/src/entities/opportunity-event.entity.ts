import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The trail of an opportunity: raised, supported, triaged, promoted, a watch's breaches, the result. */
@Entity({ name: 'opportunity_events' })
export class OpportunityEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'opportunity_id', type: 'text' })
  opportunityId!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}

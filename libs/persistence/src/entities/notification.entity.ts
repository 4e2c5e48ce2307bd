import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The outbox: written by the workflow's notify activity, delivered by the webhook and email dispatchers. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Workflow id, cycle and step: a retried activity enqueues once. */
  @Column({ type: 'text', unique: true })
  key!: string;

  /** Null for a notification about no one initiative (a person's daily digest). */
  @Column({ name: 'initiative_id', type: 'text', nullable: true })
  initiativeId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'recipient_role', type: 'text', nullable: true })
  recipientRole!: string | null;

  @Column({ name: 'recipient_department', type: 'text', nullable: true })
  recipientDepartment!: string | null;

  @Column({ name: 'recipient_person', type: 'text', nullable: true })
  recipientPerson!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  payload!: Record<string, unknown>;

  /** The facts the notification states (plan version, cycle...), for emails in each language. */
  @Column({ type: 'jsonb', nullable: true })
  facts!: Record<string, unknown> | null;

  /** When its email deliveries were fanned out to the people it resolves to. */
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  /** pending until every webhook delivered (delivered) or gave up (failed). */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}

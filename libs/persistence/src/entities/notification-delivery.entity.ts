import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One notification to one webhook URL: attempts, backoff and the last response. */
@Entity({ name: 'notification_deliveries' })
@Unique('uq_notification_deliveries_target', ['notificationId', 'url'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_status', type: 'int', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}

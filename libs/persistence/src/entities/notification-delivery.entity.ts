import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from '@cio/contracts';

/**
 * One notification to one webhook URL or to one person's email: attempts, backoff and the last
 * answer. Unique per notification and URL, and per notification and person.
 */
@Entity({ name: 'notification_deliveries' })
@Index('uq_notification_deliveries_webhook', ['notificationId', 'url'], {
  unique: true,
  where: `channel = 'webhook'`,
})
@Index('uq_notification_deliveries_email', ['notificationId', 'personId'], {
  unique: true,
  where: `channel = 'email'`,
})
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;

  @Column({ type: 'text', default: 'webhook' })
  channel!: DeliveryChannel;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** The person an email delivery is for, and the address it was last sent to. */
  @Column({ name: 'person_id', type: 'text', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

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

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A client's Idempotency-Key: the request it was first used with (as a fingerprint) and, once
 * answered, the answer, so a retry gets the same answer and a different request with it is refused.
 */
@Entity({ name: 'idempotency_keys' })
@Index('idx_idempotency_keys_age', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text' })
  principal!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

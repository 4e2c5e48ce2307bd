import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A scheduled review of a sustained initiative; a regression reopens it as a new cycle. */
@Entity({ name: 'follow_up_reviews' })
export class FollowUpReviewEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  number!: number;

  @Column({ type: 'int' })
  cycle!: number;

  @Column({ type: 'text' })
  outcome!: 'met' | 'regression' | 'inconclusive';

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

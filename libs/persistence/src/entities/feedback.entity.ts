import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Feedback on an initiative, e.g. a satisfaction score with a comment. */
@Entity({ name: 'feedback' })
@Unique('uq_feedback_client_key', ['initiativeId', 'clientKey'])
@Index('idx_feedback_initiative', ['initiativeId', 'submittedAt'])
export class FeedbackEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'client_key', type: 'text', nullable: true })
  clientKey!: string | null;
}

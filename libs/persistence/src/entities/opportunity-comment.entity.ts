import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'opportunity_comments' })
@Unique('uq_opportunity_comments_request', ['opportunityId', 'requestKey'])
export class OpportunityCommentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'opportunity_id', type: 'text' })
  opportunityId!: string;

  @Column({ type: 'text' })
  author!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The key of the request that wrote it: a retried request writes it once. */
  @Column({ name: 'request_key', type: 'text', nullable: true })
  requestKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

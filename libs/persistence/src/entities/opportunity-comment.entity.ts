import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'opportunity_comments' })
export class OpportunityCommentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'opportunity_id', type: 'text' })
  opportunityId!: string;

  @Column({ type: 'text' })
  author!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

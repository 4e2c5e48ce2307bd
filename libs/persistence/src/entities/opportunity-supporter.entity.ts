import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One person's (or one watch's) support of an opportunity, with an optional comment. */
@Entity({ name: 'opportunity_supporters' })
export class OpportunitySupporterEntity {
  @PrimaryColumn({ name: 'opportunity_id', type: 'text' })
  opportunityId!: string;

  @PrimaryColumn({ type: 'text' })
  person!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'supported_at', type: 'timestamptz', default: () => 'now()' })
  supportedAt!: Date;
}

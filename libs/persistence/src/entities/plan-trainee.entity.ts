import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person a plan version requires to complete training. */
@Entity({ name: 'plan_trainees' })
export class PlanTraineeEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  cycle!: number;

  @PrimaryColumn({ name: 'plan_version', type: 'int' })
  planVersion!: number;

  @PrimaryColumn({ type: 'text' })
  person!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent!: number;

  @Column({ type: 'boolean', default: false })
  escalated!: boolean;
}

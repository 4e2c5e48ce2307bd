import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A task of a plan version, owned by a department. */
@Entity({ name: 'plan_tasks' })
export class PlanTaskEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'text' })
  initiativeId!: string;

  @PrimaryColumn({ type: 'int' })
  cycle!: number;

  @PrimaryColumn({ name: 'plan_version', type: 'int' })
  planVersion!: number;

  @PrimaryColumn({ name: 'task_id', type: 'text' })
  taskId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'text', nullable: true })
  doneBy!: string | null;

  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent!: number;

  @Column({ type: 'boolean', default: false })
  escalated!: boolean;
}

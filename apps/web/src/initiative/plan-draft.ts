// The plan form's model: rows of measures, tasks and trainees as typed, and the SubmitPlan body
// they make (or the fields at fault).
import type { MeasureKind, PlanVersionRecord, SubmitPlan } from '../api/types';
import { fromLocalInput, toLocalInput } from '../ui/local-time';

export const MEASURE_KINDS: readonly MeasureKind[] = [
  'process',
  'tool',
  'technology',
  'resource',
  'training',
];
const TASK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface MeasureRow {
  key: string;
  title: string;
  kind: MeasureKind;
  department: string;
}
export interface TaskRow {
  key: string;
  id: string;
  title: string;
  department: string;
  due: string;
}
export interface TraineeRow {
  key: string;
  person: string;
  department: string;
  due: string;
}
export interface PlanDraft {
  measures: MeasureRow[];
  tasks: TaskRow[];
  trainees: TraineeRow[];
}

/** Validation problems, by the form's field names (`measures.0.title`); values are catalogue keys. */
export type PlanProblems = Record<string, PlanProblem>;
export type PlanProblem = 'required' | 'taskId' | 'date' | 'duplicateTask' | 'duplicateTrainee';

let rowCounter = 0;
export const rowKey = () => `row-${++rowCounter}`;

/** A week from now, to the minute: a sensible first deadline. */
export function defaultDue(now = Date.now()): string {
  return toLocalInput(Math.ceil((now + WEEK_MS) / 60_000) * 60_000);
}

export const emptyMeasure = (department = ''): MeasureRow => ({
  key: rowKey(),
  title: '',
  kind: 'process',
  department,
});
export const emptyTask = (department = '', now?: number): TaskRow => ({
  key: rowKey(),
  id: '',
  title: '',
  department,
  due: defaultDue(now),
});
export const emptyTrainee = (department = '', now?: number): TraineeRow => ({
  key: rowKey(),
  person: '',
  department,
  due: defaultDue(now),
});

/** A new plan, or the rework of a version (its rows as they were). */
export function draftOf(
  plan: Pick<PlanVersionRecord, 'measures' | 'tasks' | 'trainees'> | null,
  department = '',
): PlanDraft {
  if (!plan) return { measures: [emptyMeasure(department)], tasks: [], trainees: [] };
  return {
    measures: plan.measures.map((m) => ({ key: rowKey(), ...m })),
    tasks: plan.tasks.map((t) => ({
      key: rowKey(),
      id: t.id,
      title: t.title,
      department: t.department,
      due: toLocalInput(t.dueAt),
    })),
    trainees: plan.trainees.map((t) => ({
      key: rowKey(),
      person: t.person,
      department: t.department,
      due: toLocalInput(t.dueAt),
    })),
  };
}

/** A task id from its title, when the title is plain enough to make one. */
export function suggestTaskId(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function planOf(
  draft: PlanDraft,
): { plan: SubmitPlan; problems: null } | { plan: null; problems: PlanProblems } {
  const problems: PlanProblems = {};
  const need = (value: string, field: string) => {
    if (!value.trim()) problems[field] = 'required';
    return value.trim();
  };
  const due = (value: string, field: string) => {
    const iso = fromLocalInput(value);
    if (!iso) problems[field] = value ? 'date' : 'required';
    return iso ?? '';
  };
  const measures = draft.measures.map((m, i) => ({
    title: need(m.title, `measures.${i}.title`),
    kind: m.kind,
    department: need(m.department, `measures.${i}.department`),
  }));
  if (measures.length === 0) problems.measures = 'required';
  const seenTasks = new Set<string>();
  const tasks = draft.tasks.map((t, i) => {
    // Left empty, the id is the one the title suggests (shown as the field's placeholder).
    const id = need(t.id.trim() || suggestTaskId(t.title), `tasks.${i}.id`);
    if (id && !TASK_ID.test(id)) problems[`tasks.${i}.id`] = 'taskId';
    else if (id && seenTasks.has(id)) problems[`tasks.${i}.id`] = 'duplicateTask';
    seenTasks.add(id);
    return {
      id,
      title: need(t.title, `tasks.${i}.title`),
      department: need(t.department, `tasks.${i}.department`),
      dueAt: due(t.due, `tasks.${i}.due`),
    };
  });
  const seenPeople = new Set<string>();
  const trainees = draft.trainees.map((t, i) => {
    const person = need(t.person, `trainees.${i}.person`);
    if (person && seenPeople.has(person)) problems[`trainees.${i}.person`] = 'duplicateTrainee';
    seenPeople.add(person);
    return {
      person,
      department: need(t.department, `trainees.${i}.department`),
      dueAt: due(t.due, `trainees.${i}.due`),
    };
  });
  if (Object.keys(problems).length > 0) return { plan: null, problems };
  return { plan: { measures, tasks, trainees }, problems: null };
}

/** The form's field for a field the API names in a plan (`plan.tasks.0.dueAt` → `tasks.0.due`). */
export function planFieldOf(path: string): string | null {
  const field = path.replace(/^plan\./, '').replace(/\.dueAt$/, '.due');
  return /^(measures|tasks|trainees)(\.\d+\.\w+)?$/.test(field) ? field : null;
}

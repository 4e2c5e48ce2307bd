import type { InitiativeState, PlanState } from '@cio/contracts';
import { implementationComplete } from '../commands';
import { required } from '../invariant';
import { afterNudge, type NudgeState, nextNudge } from '../nudges';
import { transition } from '../phases';
import { notice, type OpenItem, type PhaseStep, recorded, type Wait } from './step';

/** Tasks and trainings past their deadline, each with the nudge it is due next. */
function openItems(state: InitiativeState): OpenItem[] {
  const plan = required(state.plan, 'plan');
  const { implementationReminderIntervalMs: interval, implementationMaxReminders: max } =
    state.definition.policy;
  const items: (Omit<OpenItem, 'nudge'> & { nudge: OpenItem['nudge'] | null })[] = [
    ...plan.tasks
      .filter((t) => !t.doneAt)
      .map((t) => ({
        kind: 'task' as const,
        id: t.id,
        to: { department: t.department },
        nudge: nextNudge(t.dueAt, interval, max, t),
      })),
    ...plan.trainees
      .filter((t) => !t.completedAt)
      .map((t) => ({
        kind: 'training' as const,
        id: t.person,
        to: { person: t.person, department: t.department },
        nudge: nextNudge(t.dueAt, interval, max, t),
      })),
  ];
  return items.flatMap((item) => (item.nudge ? [{ ...item, nudge: item.nudge }] : []));
}

/** Implementing: done at once when everything is done; otherwise until the next overdue nudge. */
export function implementationWait(state: InitiativeState): Wait {
  if (implementationComplete(state))
    return { until: 'now', summary: 'implementation complete', due: { kind: 'implementation-complete' } };
  const plan = required(state.plan, 'plan');
  const open = openItems(state);
  const next = open.reduce<OpenItem | undefined>(
    (a, b) => (!a || b.nudge.at < a.nudge.at ? b : a),
    undefined,
  );
  if (!next) return { until: null, summary: 'implementation', due: null };
  return {
    until: next.nudge.at,
    summary: `${next.kind} ${next.nudge.kind} for ${next.id} (deadline passed)`,
    due: { kind: 'implementation-nudges', plan, open },
  };
}

/** Everything is done and everyone trained: the evaluation window opens now. */
export function implementationCompleted(): PhaseStep {
  return {
    notify: [],
    record: (current, at) => {
      const next = openEvaluationWindow(current, at, current.definition.policy.evaluationWindowMs);
      return recorded(next, { action: 'evaluation-window-opened', details: { ...next.evaluationWindow } });
    },
  };
}

/**
 * Overdue items whose nudge is due: reminded (their department, the trainee) or escalated. With
 * `keepDone` (revision 3) the nudge counts are bumped on the plan as it is when recorded, so a task
 * done or a training completed while the notices were sent stays done; before, on the plan as it
 * was when the wait began.
 */
export function implementationNudged(
  state: InitiativeState,
  due: { plan: PlanState; open: OpenItem[] },
  at: string,
  { keepDone }: { keepDone: boolean },
): PhaseStep {
  const escalateTo = state.definition.policy.approval.escalateTo;
  const dueItems = due.open.filter((item) => Date.parse(item.nudge.at) <= Date.parse(at));
  const notify = dueItems.map((item) => {
    const escalation = item.nudge.kind === 'escalation';
    const kind = `${item.kind}-${escalation ? 'escalation' : 'reminder'}` as const;
    const step = `v${due.plan.version}:${item.kind}-${item.id}-${item.nudge.kind}-${item.nudge.number}`;
    return notice(kind, escalation ? { role: escalateTo } : item.to, state.cycle, step, { id: item.id });
  });
  const bump = <T extends NudgeState>(kind: OpenItem['kind'], id: string, entry: T): T => {
    const hit = dueItems.find((d) => d.kind === kind && d.id === id);
    return hit ? { ...entry, ...afterNudge(entry, hit.nudge) } : entry;
  };
  return {
    notify,
    record: (current) => {
      const plan = keepDone ? required(current.plan, 'plan') : due.plan;
      const next = {
        ...current,
        plan: {
          ...plan,
          tasks: plan.tasks.map((t) => bump('task', t.id, t)),
          trainees: plan.trainees.map((t) => bump('training', t.person, t)),
        },
      };
      return recorded(next, {
        action: 'implementation-nudged',
        details: {
          nudges: dueItems.map((d) => ({
            kind: d.kind,
            id: d.id,
            nudge: d.nudge.kind,
            number: d.nudge.number,
          })),
        },
      });
    },
  };
}

export function openEvaluationWindow(
  state: InitiativeState,
  from: string,
  windowMs: number,
): InitiativeState {
  const endsAt = new Date(Date.parse(from) + windowMs).toISOString();
  return {
    ...state,
    phase: transition(state.phase, 'Evaluating'),
    evaluationWindow: { from, endsAt, extended: false },
  };
}

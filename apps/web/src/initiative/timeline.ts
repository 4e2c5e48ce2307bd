// The cycle timeline: each cycle's plan versions (with their decisions, tasks and trainings),
// evaluations, follow-ups and the trail's pauses, reminders and extensions, in time order.
import type {
  AuditEntry,
  EvaluationRecord,
  FollowUpRecord,
  PlanVersionRecord,
  RegisterRecord,
} from '../api/types';

/** Trail entries that belong on the timeline (the rest is in the register already). */
export const TIMELINE_ACTIONS = new Set([
  'pause',
  'resume',
  'cancel',
  'extend-cycle-limit',
  'approval-reminder',
  'approval-escalation',
  'implementation-nudged',
  'evaluation-window-opened',
  'baseline-recorded',
]);

export type TimelineEvent =
  | { type: 'plan'; at: string; plan: PlanVersionRecord }
  | { type: 'evaluation'; at: string; records: EvaluationRecord[] }
  | { type: 'follow-up'; at: string; followUp: FollowUpRecord; records: EvaluationRecord[] }
  | { type: 'audit'; at: string; entry: AuditEntry };

export interface TimelineCycle {
  cycle: number;
  startedAt: string | null;
  endedAt: string | null;
  outcome: string | null;
  events: TimelineEvent[];
}

export function timelineOf(register: RegisterRecord, trail: readonly AuditEntry[]): TimelineCycle[] {
  const cycles = new Map<number, TimelineCycle>();
  const cycleOf = (n: number) => {
    let found = cycles.get(n);
    if (!found)
      cycles.set(n, (found = { cycle: n, startedAt: null, endedAt: null, outcome: null, events: [] }));
    return found;
  };
  for (const c of register.cycles)
    Object.assign(cycleOf(c.cycle), { startedAt: c.startedAt, endedAt: c.endedAt, outcome: c.outcome });
  for (const plan of register.planVersions)
    cycleOf(plan.cycle).events.push({ type: 'plan', at: plan.submittedAt, plan });
  const evaluations = new Map<string, EvaluationRecord[]>();
  for (const record of register.evaluations) {
    const key = `${record.cycle}/${record.kind}/${record.reviewNumber}`;
    evaluations.set(key, [...(evaluations.get(key) ?? []), record]);
  }
  for (const [key, records] of evaluations) {
    const first = records[0];
    if (!first || first.kind !== 'evaluation') continue;
    cycleOf(first.cycle).events.push({ type: 'evaluation', at: first.recordedAt, records });
    evaluations.delete(key);
  }
  for (const followUp of register.followUps) {
    const records = evaluations.get(`${followUp.cycle}/follow-up/${followUp.number}`) ?? [];
    cycleOf(followUp.cycle).events.push({ type: 'follow-up', at: followUp.recordedAt, followUp, records });
  }
  for (const entry of trail) {
    if (entry.outcome === 'accepted' && TIMELINE_ACTIONS.has(entry.action))
      cycleOf(entry.cycle).events.push({ type: 'audit', at: entry.occurredAt, entry });
  }
  const ordered = [...cycles.values()].sort((a, b) => a.cycle - b.cycle);
  for (const c of ordered) c.events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return ordered;
}

import { type InitiativeState, type Phase, PHASES } from '@cio/contracts';
import fc from 'fast-check';
import { retailerInitiative } from '../fixtures/retailer';
import { initialState } from '../initial-state';
import { isPausable } from '../phases';
import { BASE, DAY, deepFreeze, iso, manager, retailerPlan } from '../spec-support/world';
import { approvalNudgeStart } from '../waiting-on';
import { resume } from './index';

// Resume: every pending deadline moves by the time spent paused.

const RESUMABLE = PHASES.filter((p) => isPausable(p));
const ms = (text: string) => Date.parse(text);

interface Deadline {
  due: number;
  done: boolean;
}
/** A paused initiative, as offsets in ms from BASE; null: that deadline is not pending. */
interface ResumeCase {
  resumeTo: Phase;
  pausedAt: number;
  pausedMs: number;
  tasks: Deadline[];
  trainees: Deadline[];
  assessmentEnds: number | null;
  evaluationEnds: number | null;
  followUpAt: number | null;
  approvalSince: number | null;
}

const deadlines = fc.array(fc.record({ due: fc.integer({ min: 0, max: 90 * DAY }), done: fc.boolean() }), {
  maxLength: 4,
});
const maybeOffset = fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null });
const resumeCaseArb: fc.Arbitrary<ResumeCase> = fc.record({
  resumeTo: fc.constantFrom(...RESUMABLE),
  pausedAt: fc.integer({ min: 0, max: 60 * DAY }),
  pausedMs: fc.integer({ min: 0, max: 120 * DAY }),
  tasks: deadlines,
  trainees: deadlines,
  assessmentEnds: maybeOffset,
  evaluationEnds: maybeOffset,
  followUpAt: maybeOffset,
  approvalSince: maybeOffset,
});

const offset = (value: number | null) => (value === null ? null : iso(BASE + value));

function pausedState(c: ResumeCase): InitiativeState {
  const start = initialState(retailerInitiative(), iso(BASE));
  return deepFreeze({
    ...start,
    phase: 'Paused',
    plan: {
      version: 1,
      cycle: 1,
      submittedBy: 'maria',
      submittedAt: iso(BASE),
      measures: retailerPlan.measures,
      tasks: c.tasks.map((t, i) => ({
        id: `t${i}`,
        title: 'a task',
        department: 'it',
        dueAt: iso(BASE + t.due),
        doneAt: t.done ? iso(BASE + 1) : null,
        doneBy: t.done ? 'ivan' : null,
        remindersSent: 0,
        escalated: false,
      })),
      trainees: c.trainees.map((t, i) => ({
        person: `p${i}`,
        department: 'customer-service',
        dueAt: iso(BASE + t.due),
        completedAt: t.done ? iso(BASE + 2) : null,
        remindersSent: 1,
        escalated: false,
      })),
      decisions: [],
      approvedAt: null,
    },
    assessmentWindow:
      c.assessmentEnds === null
        ? null
        : { from: iso(BASE), endsAt: iso(BASE + c.assessmentEnds), extended: false },
    evaluationWindow:
      c.evaluationEnds === null
        ? null
        : { from: iso(BASE), endsAt: iso(BASE + c.evaluationEnds), extended: true },
    followUps: { done: 2, metInARow: 1, nextAt: offset(c.followUpAt) },
    approvalReminders: { remindersSent: 2, escalated: false, since: offset(c.approvalSince) },
    paused: {
      since: iso(BASE + c.pausedAt),
      by: { user: 'maria', role: 'improvement-manager' },
      reason: 'peak season',
      resumeTo: c.resumeTo,
    },
  });
}

/** A deadline moved by exactly `by` ms, or still absent. */
function expectShifted(after: string | null | undefined, before: string | null | undefined, by: number) {
  if (before === null || before === undefined) expect(after ?? null).toBeNull();
  else expect(ms(after ?? 'missing') - ms(before)).toBe(by);
}

const resumed = (paused: InitiativeState, now: string) =>
  resume.apply(paused, { actor: manager }, resume.actingAs(paused, { actor: manager }, manager), now);

describe('resume', () => {
  it('shifts every pending deadline by exactly the paused duration and returns to the paused-from phase', () => {
    fc.assert(
      fc.property(resumeCaseArb, (c) => {
        const paused = pausedState(c);
        const after = resumed(paused, iso(BASE + c.pausedAt + c.pausedMs));
        const d = c.pausedMs;
        expect(after.phase).toBe(c.resumeTo);
        expect(after.paused).toBeNull();
        for (const list of ['tasks', 'trainees'] as const) {
          const before = paused.plan?.[list] ?? [];
          const moved = after.plan?.[list] ?? [];
          expect(moved).toHaveLength(before.length);
          before.forEach((item, i) => {
            const next = moved[i];
            expect({ ...next, dueAt: null }).toEqual({ ...item, dueAt: null });
            const done = 'doneAt' in item ? item.doneAt : item.completedAt;
            expectShifted(next?.dueAt, item.dueAt, done ? 0 : d);
          });
        }
        expectShifted(after.evaluationWindow?.endsAt, paused.evaluationWindow?.endsAt, d);
        expect(after.evaluationWindow?.from).toBe(paused.evaluationWindow?.from);
        expectShifted(after.assessmentWindow?.endsAt, paused.assessmentWindow?.endsAt, d);
        expectShifted(after.followUps.nextAt, paused.followUps.nextAt, d);
        expectShifted(after.approvalReminders.since, paused.approvalReminders.since, d);
        expectShifted(approvalNudgeStart(after), approvalNudgeStart(paused), d);
        // Nothing else moves.
        expect(after).toMatchObject({
          cycle: paused.cycle,
          maxCycles: paused.maxCycles,
          baseline: paused.baseline,
          evaluations: paused.evaluations,
          followUps: { done: paused.followUps.done, metInARow: paused.followUps.metInARow },
          approvalReminders: { remindersSent: 2, escalated: false },
          phaseSince: paused.phaseSince,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('does not move deadlines backwards when the clock reads before the pause', () => {
    const paused = pausedState({
      resumeTo: 'Evaluating',
      pausedAt: 10 * DAY,
      pausedMs: 0,
      tasks: [],
      trainees: [],
      assessmentEnds: null,
      evaluationEnds: 20 * DAY,
      followUpAt: null,
      approvalSince: null,
    });
    const after = resumed(paused, iso(BASE + 9 * DAY));
    expect(after.evaluationWindow?.endsAt).toBe(iso(BASE + 20 * DAY));
    expect(after.phase).toBe('Evaluating');
  });
});

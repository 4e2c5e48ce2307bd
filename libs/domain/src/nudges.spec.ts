import fc from 'fast-check';
import { afterNudge, type Nudge, nextNudge, type NudgeState } from './nudges';

const DAY = 86_400_000;
const BASE = Date.parse('2025-03-03T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Sends every nudge due, as the workflow does, until none is left (bounded, to catch loops). */
function sendAll(
  firstAt: string,
  intervalMs: number,
  maxReminders: number,
  limit = maxReminders + 10,
): Nudge[] {
  const sent: Nudge[] = [];
  let state: NudgeState = { remindersSent: 0, escalated: false };
  for (let i = 0; i < limit; i++) {
    const nudge = nextNudge(firstAt, intervalMs, maxReminders, state);
    if (!nudge) break;
    sent.push(nudge);
    state = afterNudge(state, nudge);
  }
  return sent;
}

const caseArb = fc.record({
  firstAt: fc.integer({ min: 0, max: 365 * DAY }).map((ms) => iso(BASE + ms)),
  intervalMs: fc.integer({ min: 1, max: 14 * DAY }),
  maxReminders: fc.integer({ min: 0, max: 8 }),
});

describe('nudges', () => {
  it('sends maxReminders reminders at firstAt + k * interval, then one escalation, then nothing', () => {
    fc.assert(
      fc.property(caseArb, ({ firstAt, intervalMs, maxReminders }) => {
        const sent = sendAll(firstAt, intervalMs, maxReminders);
        const start = Date.parse(firstAt);
        expect(sent).toEqual([
          ...Array.from({ length: maxReminders }, (_, k) => ({
            kind: 'reminder',
            at: iso(start + k * intervalMs),
            number: k + 1,
          })),
          { kind: 'escalation', at: iso(start + maxReminders * intervalMs), number: maxReminders + 1 },
        ]);
        expect(sent.filter((n) => n.kind === 'reminder')).toHaveLength(maxReminders);
        expect(sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('stays silent forever once escalated, whatever the reminder count', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 20 }), ({ firstAt, intervalMs, maxReminders }, sent) => {
        const escalated: NudgeState = { remindersSent: sent, escalated: true };
        for (let i = 0; i < 5; i++)
          expect(nextNudge(firstAt, intervalMs, maxReminders, escalated)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('is a pure question: asking again without sending gives the same nudge', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 10 }), ({ firstAt, intervalMs, maxReminders }, sent) => {
        const state: NudgeState = { remindersSent: Math.min(sent, maxReminders), escalated: false };
        const first = nextNudge(firstAt, intervalMs, maxReminders, state);
        expect(nextNudge(firstAt, intervalMs, maxReminders, state)).toEqual(first);
        expect(state).toEqual({ remindersSent: Math.min(sent, maxReminders), escalated: false });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps other fields of the nudged item (the workflow stores nudge state inside tasks)', () => {
    const task = { id: 'chatbot', remindersSent: 1, escalated: false };
    const reminder = nextNudge(iso(BASE), DAY, 3, task);
    expect(reminder).toEqual({ kind: 'reminder', at: iso(BASE + DAY), number: 2 });
    expect(afterNudge(task, reminder as Nudge)).toEqual({
      id: 'chatbot',
      remindersSent: 2,
      escalated: false,
    });
    const escalation: Nudge = { kind: 'escalation', at: iso(BASE), number: 4 };
    expect(afterNudge(task, escalation)).toEqual({ id: 'chatbot', remindersSent: 1, escalated: true });
  });

  it('reminds the retailer approvers 3 times every 2 days, then escalates to the CIO 2 days later', () => {
    // Plan submitted on day 0; the first approval reminder is one interval later, on day 2.
    const firstAt = iso(BASE + 2 * DAY);
    expect(sendAll(firstAt, 2 * DAY, 3)).toEqual([
      { kind: 'reminder', at: iso(BASE + 2 * DAY), number: 1 },
      { kind: 'reminder', at: iso(BASE + 4 * DAY), number: 2 },
      { kind: 'reminder', at: iso(BASE + 6 * DAY), number: 3 },
      { kind: 'escalation', at: iso(BASE + 8 * DAY), number: 4 },
    ]);
  });

  it('escalates at once when no reminders are allowed', () => {
    expect(sendAll(iso(BASE), DAY, 0)).toEqual([{ kind: 'escalation', at: iso(BASE), number: 1 }]);
  });
});

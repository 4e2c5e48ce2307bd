/**
 * Reminders, then escalation, for anything people owe the initiative (an approval, a task, a
 * training). The first reminder is due at `firstAt`; one more every `intervalMs` until
 * `maxReminders` went out; one interval later the wait is escalated, and nothing follows.
 */
export interface NudgeState {
  remindersSent: number;
  escalated: boolean;
}

export interface Nudge {
  kind: 'reminder' | 'escalation';
  at: string;
  /** 1-based reminder number (the escalation carries maxReminders + 1). */
  number: number;
}

export function nextNudge(
  firstAt: string,
  intervalMs: number,
  maxReminders: number,
  state: NudgeState,
): Nudge | null {
  if (state.escalated) return null;
  const at = new Date(Date.parse(firstAt) + state.remindersSent * intervalMs).toISOString();
  const kind = state.remindersSent < maxReminders ? 'reminder' : 'escalation';
  return { kind, at, number: state.remindersSent + 1 };
}

export function afterNudge(state: NudgeState, nudge: Nudge): NudgeState {
  return nudge.kind === 'reminder'
    ? { ...state, remindersSent: state.remindersSent + 1 }
    : { ...state, escalated: true };
}

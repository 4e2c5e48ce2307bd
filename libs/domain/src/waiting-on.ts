import { type InitiativeState, SEARCH_ATTRIBUTE_VALUE_MAX_BYTES, type WaitingOn } from '@cio/contracts';
import { pendingRoles } from './approval-policy';
import { nextNudge } from './nudges';

/** The first approval reminder is one interval after the plan version was submitted. */
export function approvalNudgeStart(state: InitiativeState): string | null {
  const since = state.approvalReminders.since;
  if (!since) return null;
  return new Date(Date.parse(since) + state.definition.policy.approval.reminderIntervalMs).toISOString();
}

/** Who and what the initiative waits on now, with since, the next deadline and reminders so far. */
export function waitingOn(state: InitiativeState): WaitingOn[] {
  // A window's end waiting for its data sources comes first: nothing else moves until it is collected.
  const collecting = state.collecting;
  const sources: WaitingOn[] = (collecting?.dataSources ?? []).map((dataSource) => ({
    kind: 'data-source',
    who: { dataSource },
    subject: dataSource,
    since: collecting?.since ?? state.phaseSince,
    dueAt: null,
    remindersSent: 0,
    escalatedTo: null,
  }));
  return [...sources, ...phaseWaits(state)];
}

function phaseWaits(state: InitiativeState): WaitingOn[] {
  const { definition, phase, plan } = state;
  const { policy } = definition;
  const base = { since: state.phaseSince, remindersSent: 0, escalatedTo: null };
  switch (phase) {
    case 'Assessing':
      return [
        {
          ...base,
          kind: 'baseline',
          who: { department: definition.department },
          subject: definition.kpis.map((k) => k.name).join(', '),
          dueAt: state.assessmentWindow?.endsAt ?? null,
        },
      ];
    case 'Planning':
      return [
        {
          ...base,
          kind: 'plan',
          who: { role: policy.managerRoles[0], person: definition.owner },
          dueAt: null,
        },
      ];
    case 'AwaitingApproval': {
      if (!plan) return [];
      const approval = policy.approval;
      const start = approvalNudgeStart(state);
      const nudge = start
        ? nextNudge(start, approval.reminderIntervalMs, approval.maxReminders, state.approvalReminders)
        : null;
      return pendingRoles(approval, plan.decisions, plan.version).map((role) => ({
        kind: 'approval',
        who: { role },
        subject: `plan version ${plan.version}`,
        since: state.approvalReminders.since ?? state.phaseSince,
        dueAt: nudge?.at ?? null,
        remindersSent: state.approvalReminders.remindersSent,
        escalatedTo: state.approvalReminders.escalated ? approval.escalateTo : null,
      }));
    }
    case 'Implementing': {
      if (!plan) return [];
      const since = plan.approvedAt ?? state.phaseSince;
      const escalatedTo = (escalated: boolean) => (escalated ? policy.approval.escalateTo : null);
      return [
        ...plan.tasks
          .filter((t) => !t.doneAt)
          .map<WaitingOn>((t) => ({
            kind: 'task',
            who: { department: t.department },
            subject: t.id,
            since,
            dueAt: t.dueAt,
            remindersSent: t.remindersSent,
            escalatedTo: escalatedTo(t.escalated),
          })),
        ...plan.trainees
          .filter((t) => !t.completedAt)
          .map<WaitingOn>((t) => ({
            kind: 'training',
            who: { person: t.person, department: t.department },
            subject: t.person,
            since,
            dueAt: t.dueAt,
            remindersSent: t.remindersSent,
            escalatedTo: escalatedTo(t.escalated),
          })),
      ];
    }
    case 'Evaluating':
      return [
        {
          ...base,
          kind: 'evaluation-window',
          who: { department: definition.department },
          subject: `cycle ${state.cycle}`,
          since: state.evaluationWindow?.from ?? state.phaseSince,
          dueAt: state.evaluationWindow?.endsAt ?? null,
        },
      ];
    case 'Sustaining':
      return [
        {
          ...base,
          kind: 'follow-up',
          who: { department: definition.department },
          subject: `follow-up review ${state.followUps.done + 1}`,
          dueAt: state.followUps.nextAt,
        },
      ];
    case 'CycleLimitReached':
      return [
        {
          ...base,
          kind: 'cycle-limit-decision',
          who: { role: policy.managerRoles[0], person: definition.owner },
          dueAt: null,
        },
      ];
    case 'Paused':
      return [
        {
          ...base,
          kind: 'resume',
          who: { role: state.paused?.by.role, person: state.paused?.by.user },
          dueAt: null,
        },
      ];
    case 'Closed':
      return [];
  }
}

/**
 * Names for the `CiWaitingOn` search attribute: every role, department and person waited on, in
 * order, as many as fit one search attribute value (a plan with hundreds of trainees would not).
 * The register keeps them all.
 */
export function waitingOnKeywords(waits: readonly WaitingOn[]): string[] {
  const names = waits.flatMap((w) => [w.who.role, w.who.department, w.who.person, w.escalatedTo]);
  const sorted = [...new Set(names.filter((name): name is string => !!name))].sort();
  const kept: string[] = [];
  let bytes = '[]'.length;
  for (const name of sorted) {
    bytes += utf8Length(JSON.stringify(name)) + (kept.length > 0 ? ','.length : 0);
    if (bytes > SEARCH_ATTRIBUTE_VALUE_MAX_BYTES) break;
    kept.push(name);
  }
  return kept;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

import type { InitiativeState } from '@cio/contracts';
import { pendingRoles } from '../approval-policy';
import { required } from '../invariant';
import { afterNudge, type Nudge, nextNudge } from '../nudges';
import { approvalNudgeStart } from '../waiting-on';
import { notice, type PhaseStep, recorded, type Wait } from './step';

/** Awaiting approval: the next reminder to the roles that have not decided, then the escalation. */
export function approvalWait(state: InitiativeState): Wait {
  const approval = state.definition.policy.approval;
  const plan = required(state.plan, 'plan');
  const start = required(approvalNudgeStart(state), 'approval start');
  const nudge = nextNudge(start, approval.reminderIntervalMs, approval.maxReminders, state.approvalReminders);
  const pending = pendingRoles(approval, plan.decisions, plan.version);
  if (!nudge) return { until: null, summary: `awaiting approval of plan v${plan.version}`, due: null };
  return {
    until: nudge.at,
    summary:
      nudge.kind === 'reminder'
        ? `approval reminder ${nudge.number}/${approval.maxReminders} to ${pending.join(', ')}`
        : `approval escalation to ${approval.escalateTo}`,
    due: { kind: 'approval-nudge', planVersion: plan.version, nudge, pending },
  };
}

/** A reminder to every role still to decide, or the escalation to the policy's role. */
export function approvalNudged(
  state: InitiativeState,
  due: { planVersion: number; nudge: Nudge; pending: string[] },
): PhaseStep {
  const approval = state.definition.policy.approval;
  const { planVersion, nudge, pending } = due;
  const step = `v${planVersion}:approval-${nudge.kind}-${nudge.number}`;
  const reminder = nudge.kind === 'reminder';
  return {
    notify: reminder
      ? pending.map((role) =>
          notice('approval-reminder', { role }, state.cycle, `${step}:${role}`, {
            planVersion,
            number: nudge.number,
            maxReminders: approval.maxReminders,
          }),
        )
      : [
          notice(
            'approval-escalation',
            { role: approval.escalateTo },
            state.cycle,
            step,
            { planVersion, pending },
            { pending },
          ),
        ],
    record: (current) =>
      recorded(
        {
          ...current,
          approvalReminders: {
            ...current.approvalReminders,
            ...afterNudge(current.approvalReminders, nudge),
          },
        },
        {
          action: reminder ? 'approval-reminder' : 'approval-escalation',
          details: { planVersion, roles: reminder ? pending : [approval.escalateTo], number: nudge.number },
        },
      ),
  };
}

import {
  INITIATIVE_WORKFLOW_REVISION,
  initiativeWorkflowId,
  type InitiativeWorkflowInput,
  type InitiativeDefinition,
  type InitiativeState,
  type KpiDefinition,
  type WaitingOn,
} from '@cio/contracts';
import { initialSearchAttributes } from './search-attributes';

const DAY = 86_400_000;

export function formatDuration(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY} day${ms === DAY ? '' : 's'}`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function describeTarget(kpi: KpiDefinition): string {
  const bound = kpi.direction === 'lower-is-better' ? 'at most' : 'at least';
  return kpi.target.kind === 'absolute'
    ? `${kpi.aggregate} ${bound} ${kpi.target.value} ${kpi.unit}`
    : `${kpi.aggregate} ${kpi.target.improvementPercent} % better than baseline`;
}

/** The static summary and details shown for an initiative in the Temporal UI. */
export function describeInitiative(definition: InitiativeDefinition): { summary: string; details: string } {
  const { policy } = definition;
  const approval = policy.approval;
  const quorum = approval.mode === 'quorum' ? `${approval.quorum} of` : approval.mode;
  return {
    summary: `${definition.title} · ${definition.service}`,
    details: [
      `**${definition.title}** for service \`${definition.service}\`, owned by department \`${definition.department}\` (manager ${definition.owner}).`,
      '',
      ...definition.kpis.map(
        (kpi) => `- KPI \`${kpi.name}\` (${kpi.unit}, ${kpi.direction}): target ${describeTarget(kpi)}`,
      ),
      '',
      `Approval: ${quorum} of ${approval.roles.map((r) => `\`${r}\``).join(', ')}; reminders every ${formatDuration(approval.reminderIntervalMs)}, escalation to \`${approval.escalateTo}\` after ${approval.maxReminders}.`,
      `Evaluation window ${formatDuration(policy.evaluationWindowMs)} with at least ${policy.minSamples} samples; at most ${policy.maxCycles} cycles; follow-up reviews every ${formatDuration(policy.followUpIntervalMs)}.`,
    ].join('\n'),
  };
}

function describeWait(wait: WaitingOn): string {
  const who = [
    wait.who.role && `role \`${wait.who.role}\``,
    wait.who.department && `department \`${wait.who.department}\``,
    wait.who.person,
    wait.who.dataSource && `data source \`${wait.who.dataSource}\``,
  ]
    .filter(Boolean)
    .join(', ');
  const parts = [
    `- **${wait.kind}**${wait.subject ? ` (${wait.subject})` : ''}: waiting on ${who} since ${wait.since}`,
  ];
  if (wait.dueAt) parts.push(`next deadline ${wait.dueAt}`);
  if (wait.remindersSent > 0) parts.push(`${wait.remindersSent} reminder(s) sent`);
  if (wait.escalatedTo) parts.push(`escalated to \`${wait.escalatedTo}\``);
  return parts.join('; ');
}

/** The current details: what the initiative waits on now, in plain words (markdown). */
export function describeCurrentState(state: InitiativeState): string {
  const header = `**${state.phase}** · cycle ${state.cycle} of ${state.maxCycles}`;
  if (state.closed)
    return `${header}\n\nClosed (${state.closed.outcome}) by ${state.closed.by} at ${state.closed.at}: ${state.closed.reason}`;
  const lines = [header, ''];
  if (state.waitingOn.length === 0) lines.push('Working: nothing to wait on.');
  else lines.push('Waiting on:', ...state.waitingOn.map(describeWait));
  if (state.definition.policy.approval.escalateTo)
    lines.push('', `Escalations go to \`${state.definition.policy.approval.escalateTo}\`.`);
  if (state.baseline.length > 0) {
    lines.push(
      '',
      `Baseline: ${state.baseline.map((b) => `${b.kpi} = ${b.value} (${b.samples} samples)`).join(', ')}`,
    );
  }
  const last = state.evaluations.at(-1);
  if (last) {
    lines.push(
      `Last ${last.kind} (cycle ${last.cycle}): ${last.kpis.map((k) => `${k.kpi} ${k.observed ?? 'n/a'} vs target ${k.target}: ${k.verdict}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

/**
 * How a client starts an initiative's workflow: its id, its input at the current revision, the
 * search attributes of its initial state, and the summary and details the UI shows.
 */
export function initiativeStartOptions(
  definition: InitiativeDefinition,
  origin: Pick<InitiativeWorkflowInput, 'createdBy' | 'requestId'> = {},
) {
  const { summary, details } = describeInitiative(definition);
  const input: InitiativeWorkflowInput = { definition, ...origin, revision: INITIATIVE_WORKFLOW_REVISION };
  return {
    workflowId: initiativeWorkflowId(definition.id),
    args: [input] as [InitiativeWorkflowInput],
    typedSearchAttributes: initialSearchAttributes(definition),
    staticSummary: summary,
    staticDetails: details,
  };
}

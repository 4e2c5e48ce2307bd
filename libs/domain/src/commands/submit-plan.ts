import {
  type FieldProblem,
  InitiativeErrorCode as Code,
  type PlanInput,
  type SubmitPlanInput,
} from '@cio/contracts';
import { actedAs } from '../actors';
import { transition } from '../phases';
import {
  type InitiativeCommand,
  managerRole,
  refusal,
  refuseIfClosed,
  refuseIfNotManager,
  refuseIfPaused,
} from './command';

function planProblems(plan: PlanInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (plan.measures.length === 0)
    problems.push({ field: 'measures', message: 'must name at least one measure' });
  const taskIds = plan.tasks.map((t) => t.id);
  if (new Set(taskIds).size !== taskIds.length)
    problems.push({ field: 'tasks', message: 'ids must be distinct' });
  const people = plan.trainees.map((t) => t.person);
  if (new Set(people).size !== people.length)
    problems.push({ field: 'trainees', message: 'must not repeat a person' });
  for (const [list, items] of [
    ['tasks', plan.tasks],
    ['trainees', plan.trainees],
  ] as const) {
    items.forEach((item, i) => {
      if (Number.isNaN(Date.parse(item.dueAt)))
        problems.push({ field: `${list}[${i}].dueAt`, message: `is not an ISO date: ${item.dueAt}` });
    });
  }
  return problems;
}

/** The manager submits the cycle's plan; a rework after a rejection is its next version. */
export const submitPlan: InitiativeCommand<SubmitPlanInput> = {
  action: 'submit-plan',
  refuse(state, input, actor) {
    const blocked = refuseIfClosed(state) ?? refuseIfNotManager(state, actor) ?? refuseIfPaused(state);
    if (blocked) return blocked;
    if (state.phase !== 'Planning')
      return refusal(Code.NOT_IN_PLANNING, `plans are submitted in Planning, not ${state.phase}`);
    const problems = planProblems(input.plan);
    const first = problems[0];
    return first ? refusal(Code.INVALID_INPUT, `plan.${first.field} ${first.message}`, problems) : null;
  },
  actingAs: (state, _input, actor) => actedAs(actor, managerRole(state, actor)),
  apply(state, input, by, now) {
    const version = (state.plan?.cycle === state.cycle ? state.plan.version : 0) + 1;
    return {
      ...state,
      phase: transition(state.phase, 'AwaitingApproval'),
      plan: {
        version,
        cycle: state.cycle,
        submittedBy: by.user,
        submittedAt: now,
        measures: input.plan.measures,
        tasks: input.plan.tasks.map((t) => ({
          ...t,
          doneAt: null,
          doneBy: null,
          remindersSent: 0,
          escalated: false,
        })),
        trainees: input.plan.trainees.map((t) => ({
          ...t,
          completedAt: null,
          remindersSent: 0,
          escalated: false,
        })),
        decisions: [],
        approvedAt: null,
      },
      approvalReminders: { remindersSent: 0, escalated: false, since: now },
    };
  },
  details: (input) => ({ plan: input.plan }),
};

import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  type Actor,
  type ActorInput,
  approvePlanUpdate,
  type AuditAction,
  type CommandAction,
  cancelUpdate,
  completeTaskUpdate,
  completeTrainingUpdate,
  extendCycleLimitUpdate,
  getStateQuery,
  INITIATIVE_WORKFLOW_REVISION,
  InitiativeErrorCode,
  type InitiativeAnswer,
  type InitiativeState,
  type InitiativeWorkflowInput,
  type NotificationKind,
  pauseUpdate,
  type Refusal,
  rejectPlanUpdate,
  resumeUpdate,
  submitPlanUpdate,
  type WaitWho,
} from '@cio/contracts';
import {
  afterNudge,
  applyApprovePlan,
  applyCancel,
  applyCompleteTask,
  applyCompleteTraining,
  applyExtendCycleLimit,
  applyPause,
  applyRejectPlan,
  applyResume,
  applySubmitPlan,
  approvalNudgeStart,
  buildEvaluation,
  changedSearchAttributes,
  describeCurrentState,
  extendAssessment,
  extendEvaluationWindow,
  implementationComplete,
  initiativeSearchAttributes,
  initialState,
  nextNudge,
  type Nudge,
  openEvaluationWindow,
  pendingRoles,
  recordBaseline,
  recordEvaluation,
  recordFollowUp,
  refuseApprovePlan,
  refuseCancel,
  refuseCompleteTask,
  refuseCompleteTraining,
  refuseExtendCycleLimit,
  refusePause,
  refuseRejectPlan,
  refuseResume,
  refuseSubmitPlan,
  required,
  shortOfSamples,
  waitingOn,
} from '@cio/domain';
import type { RegisterActivities, RegisterSnapshot } from '@cio/activities';
import { MEASUREMENT_READ, NOTIFICATION, REGISTER_WRITE } from './activity-profiles';

const activities = proxyActivities<RegisterActivities>(REGISTER_WRITE);

/** Update ids remembered across continue-as-new, so a client's retry counts once. */
const MAX_SEEN_UPDATE_IDS = 2_000;

const now = () => new Date().toISOString();

/**
 * One continual-improvement initiative, from baseline to closure, as one durable workflow:
 * Assessing -> Planning -> AwaitingApproval -> Implementing -> Evaluating -> (not met: Planning of
 * the next cycle | met: Sustaining with follow-up reviews -> regression: Planning). The rules live
 * in @cio/domain; this function drives them with durable timers, updates and activities.
 */
export async function initiativeWorkflow(input: InitiativeWorkflowInput): Promise<InitiativeState> {
  const { definition } = input;
  const { policy } = definition;
  const { workflowId } = workflowInfo();
  /** Which command sequence this run follows (see INITIATIVE_WORKFLOW_REVISION). */
  const revision = input.revision ?? 1;
  let state = input.carried ?? initialState(definition, now());
  /** Bumped by every accepted update: wakes the lifecycle to re-read the state. */
  let changes = 0;
  let continueAsNewDue = false;
  const isClosed = () => state.phase === 'Closed';

  // --- publishing the state: search attributes and the UI's current details --------------------

  function commit(next: InitiativeState): void {
    const phaseChanged = next.phase !== state.phase;
    state = { ...next, phaseSince: phaseChanged ? now() : next.phaseSince };
    state.waitingOn = waitingOn(state);
    if (revision < 2) upsertSearchAttributes(initiativeSearchAttributes(definition, state));
    setCurrentDetails(describeCurrentState(state));
    changes++;
  }

  /**
   * Revision 2 brings the search attributes up to date when the workflow is about to wait, when an
   * update's handler ends, and before the run ends: one upsert of what changed per workflow task,
   * however many steps it took.
   */
  function publish(): void {
    if (revision < 2) return;
    const attributes = initiativeSearchAttributes(definition, state);
    const changed = changedSearchAttributes(workflowInfo().typedSearchAttributes, attributes);
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  /** The state as updates and queries answer it (InitiativeAnswer: without the update ids). */
  function answer(): InitiativeAnswer {
    const { seenUpdateIds: _ids, ...rest } = state;
    return rest;
  }

  // --- side effects through activities ---------------------------------------------------------

  function withSummary(options: ActivityOptions, summary: string): ActivityOptions {
    return { ...options, summary };
  }

  /** What the register keeps of the state after this step. */
  function snapshot(recorded?: RegisterSnapshot['recorded']): RegisterSnapshot {
    return {
      phase: state.phase,
      phaseSince: state.phaseSince,
      cycle: state.cycle,
      waitingOn: state.waitingOn,
      plan: state.plan,
      baseline: state.baseline,
      closed: state.closed ? { outcome: state.closed.outcome, at: state.closed.at } : null,
      ...(recorded ? { recorded } : {}),
    };
  }

  async function audit(
    action: AuditAction,
    actor: Actor | null,
    details: Record<string, unknown> = {},
    recorded?: RegisterSnapshot['recorded'],
    requestId?: string,
  ): Promise<void> {
    state.auditSequence += 1;
    const entry = {
      workflowId,
      initiativeId: definition.id,
      cycle: state.cycle,
      sequence: state.auditSequence,
      actor: actor?.user ?? 'system',
      role: actor?.role ?? null,
      action,
      details,
      occurredAt: now(),
      phase: state.phase,
      snapshot: snapshot(recorded),
      ...(requestId ? { requestId } : {}),
    };
    await activities.recordAudit.executeWithOptions(withSummary(REGISTER_WRITE, `audit: ${action}`), [entry]);
  }

  async function notify(kind: NotificationKind, to: WaitWho, step: string, subject: string, payload = {}) {
    const key = `${workflowId}:c${state.cycle}:${step}`;
    const input = { key, initiativeId: definition.id, kind, to, subject, payload };
    const recipient = to.role ?? to.person ?? to.department ?? 'owner';
    await activities.notify.executeWithOptions(withSummary(NOTIFICATION, `${kind} to ${recipient}`), [input]);
  }

  /** Window aggregates; once a baseline exists, each KPI is also compared with its baseline window. */
  async function measure(from: string, to: string, summary: string) {
    const kpis = definition.kpis.map((k) => {
      const baseline = state.baseline.find((b) => b.kpi === k.name);
      return {
        name: k.name,
        aggregate: k.aggregate,
        ...(baseline ? { baseline: { from: baseline.from, to: baseline.to, value: baseline.value } } : {}),
      };
    });
    return activities.measureKpis.executeWithOptions(withSummary(MEASUREMENT_READ, summary), [
      { initiativeId: definition.id, kpis, from, to },
    ]);
  }

  /** Waits until `deadline` (a durable timer) or until an accepted update changed the state. */
  async function waitFor(deadline: string | null, summary: string): Promise<'deadline' | 'changed'> {
    publish();
    const seen = changes;
    const changed = () => changes !== seen;
    if (deadline === null) {
      await condition(changed);
      return 'changed';
    }
    const ms = Date.parse(deadline) - Date.now();
    if (ms <= 0) return 'deadline';
    return (await condition(changed, ms, { summary })) ? 'changed' : 'deadline';
  }

  // --- messages ----------------------------------------------------------------------------------

  function refuseMalformed(message: ActorInput | undefined): Refusal | null {
    const actor = message?.actor;
    const ok =
      !!actor &&
      typeof actor.user === 'string' &&
      actor.user.trim() &&
      typeof actor.role === 'string' &&
      actor.role.trim();
    return ok
      ? null
      : { code: InitiativeErrorCode.INVALID_INPUT, message: 'actor.user and actor.role are required' };
  }

  /** Registers an update: the validator refuses before anything reaches history; the handler applies and audits. */
  function handle<I extends ActorInput>(
    update: UpdateDefinition<InitiativeAnswer, [I]>,
    refuse: (state: InitiativeState, input: I) => Refusal | null,
    apply: (state: InitiativeState, input: I, at: string) => InitiativeState,
    action: CommandAction,
    details: (input: I, next: InitiativeState) => Record<string, unknown>,
  ): void {
    const alreadyApplied = () => {
      const id = currentUpdateInfo()?.id;
      return !!id && state.seenUpdateIds.includes(id);
    };
    setHandler(
      update,
      async (message: I) => {
        if (alreadyApplied()) return answer();
        const id = currentUpdateInfo()?.id;
        const next = apply(state, message, now());
        if (id) next.seenUpdateIds = [...state.seenUpdateIds, id].slice(-MAX_SEEN_UPDATE_IDS);
        commit(next);
        await audit(action, message.actor, details(message, state), undefined, message.requestId);
        publish();
        return answer();
      },
      {
        validator: (message: I) => {
          if (alreadyApplied()) return;
          const refusal = refuseMalformed(message) ?? refuse(state, message);
          if (refusal)
            throw ApplicationFailure.create({
              type: refusal.code,
              message: refusal.message,
              nonRetryable: true,
            });
        },
      },
    );
  }

  setHandler(getStateQuery, answer);
  handle(submitPlanUpdate, refuseSubmitPlan, applySubmitPlan, 'submit-plan', (m) => ({ plan: m.plan }));
  handle(approvePlanUpdate, refuseApprovePlan, applyApprovePlan, 'approve-plan', (m) => ({
    planVersion: m.planVersion,
    ...(m.comment ? { comment: m.comment } : {}),
  }));
  handle(rejectPlanUpdate, refuseRejectPlan, applyRejectPlan, 'reject-plan', (m) => ({
    planVersion: m.planVersion,
    reason: m.reason,
  }));
  handle(completeTaskUpdate, refuseCompleteTask, applyCompleteTask, 'complete-task', (m) => ({
    taskId: m.taskId,
  }));
  handle(completeTrainingUpdate, refuseCompleteTraining, applyCompleteTraining, 'complete-training', (m) => ({
    person: m.person,
  }));
  handle(pauseUpdate, refusePause, applyPause, 'pause', (m) => ({ reason: m.reason }));
  handle(
    resumeUpdate,
    refuseResume,
    (s, _m, at) => applyResume(s, at),
    'resume',
    () => ({}),
  );
  handle(cancelUpdate, refuseCancel, applyCancel, 'cancel', (m, next) => ({
    reason: m.reason,
    outcome: next.closed?.outcome,
  }));
  handle(
    extendCycleLimitUpdate,
    refuseExtendCycleLimit,
    (s, m) => applyExtendCycleLimit(s, m),
    'extend-cycle-limit',
    (m) => ({
      additionalCycles: m.additionalCycles,
      ...(m.reason ? { reason: m.reason } : {}),
    }),
  );

  // --- the lifecycle, phase by phase -------------------------------------------------------------

  /** Assessing: wait out the assessment period, then record the baseline from the register. */
  async function assess(): Promise<void> {
    const window = required(state.assessmentWindow, 'assessment window');
    const kpiNames = definition.kpis.map((k) => k.name).join(', ');
    if (
      (await waitFor(window.endsAt, `assessment period ends ${window.endsAt}: baseline of ${kpiNames}`)) ===
      'changed'
    )
      return;
    const measured = await measure(window.from, window.endsAt, `baseline of ${kpiNames}`);
    const short = shortOfSamples(state, measured);
    if (short.length > 0) {
      // Too few samples: extend once; after that keep extending, but escalate every time.
      if (window.extended) {
        await notify(
          'baseline-escalation',
          { role: policy.approval.escalateTo },
          `baseline-${window.endsAt}`,
          `Baseline short of samples: ${short.join(', ')}`,
          { measured },
        );
      }
      commit(extendAssessment(state, policy.assessmentPeriodMs));
      await audit('assessment-extended', null, {
        shortOfSamples: short,
        measured,
        endsAt: state.assessmentWindow?.endsAt,
      });
      return;
    }
    const baseline = measured.map((m) => ({
      kpi: m.kpi,
      value: required(m.value, `baseline of ${m.kpi}`),
      samples: m.samples,
      from: window.from,
      to: window.endsAt,
    }));
    commit(recordBaseline(state, baseline));
    await audit('baseline-recorded', null, { baseline });
  }

  /** AwaitingApproval: remind the roles that have not decided, then escalate. */
  async function awaitApproval(): Promise<void> {
    const approval = policy.approval;
    const plan = required(state.plan, 'plan');
    const start = required(approvalNudgeStart(state), 'approval start');
    const nudge = nextNudge(
      start,
      approval.reminderIntervalMs,
      approval.maxReminders,
      state.approvalReminders,
    );
    const pending = pendingRoles(approval, plan.decisions, plan.version);
    const summary = !nudge
      ? `awaiting approval of plan v${plan.version}`
      : nudge.kind === 'reminder'
        ? `approval reminder ${nudge.number}/${approval.maxReminders} to ${pending.join(', ')}`
        : `approval escalation to ${approval.escalateTo}`;
    if ((await waitFor(nudge?.at ?? null, summary)) === 'changed' || !nudge) return;
    const step = `v${plan.version}:approval-${nudge.kind}-${nudge.number}`;
    if (nudge.kind === 'reminder') {
      for (const role of pending) {
        await notify(
          'approval-reminder',
          { role },
          `${step}:${role}`,
          `Plan v${plan.version} of "${definition.title}" awaits your approval (reminder ${nudge.number}/${approval.maxReminders})`,
        );
      }
    } else {
      await notify(
        'approval-escalation',
        { role: approval.escalateTo },
        step,
        `Plan v${plan.version} of "${definition.title}" still lacks approval from ${pending.join(', ')}`,
        { pending },
      );
    }
    commit({
      ...state,
      approvalReminders: { ...state.approvalReminders, ...afterNudge(state.approvalReminders, nudge) },
    });
    await audit(nudge.kind === 'reminder' ? 'approval-reminder' : 'approval-escalation', null, {
      planVersion: plan.version,
      roles: nudge.kind === 'reminder' ? pending : [approval.escalateTo],
      number: nudge.number,
    });
  }

  /** Implementing: wait for every task and every trainee; remind and escalate overdue ones. */
  async function implement(): Promise<void> {
    if (implementationComplete(state)) {
      commit(openEvaluationWindow(state, now(), policy.evaluationWindowMs));
      await audit('evaluation-window-opened', null, { ...state.evaluationWindow });
      return;
    }
    const plan = required(state.plan, 'plan');
    const interval = policy.implementationReminderIntervalMs;
    const max = policy.implementationMaxReminders;
    const open = [
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
    ].filter((item): item is typeof item & { nudge: Nudge } => item.nudge !== null);
    const next = open.reduce<(typeof open)[number] | undefined>(
      (a, b) => (!a || b.nudge.at < a.nudge.at ? b : a),
      undefined,
    );
    const summary = next
      ? `${next.kind} ${next.nudge.kind} for ${next.id} (deadline passed)`
      : 'implementation';
    if ((await waitFor(next?.nudge.at ?? null, summary)) === 'changed') return;
    const due = open.filter((item) => Date.parse(item.nudge.at) <= Date.now());
    for (const item of due) {
      const escalation = item.nudge.kind === 'escalation';
      await notify(
        `${item.kind}-${escalation ? 'escalation' : 'reminder'}`,
        escalation ? { role: policy.approval.escalateTo } : item.to,
        `v${plan.version}:${item.kind}-${item.id}-${item.nudge.kind}-${item.nudge.number}`,
        escalation
          ? `${item.kind} '${item.id}' of "${definition.title}" is overdue`
          : `Reminder: ${item.kind} '${item.id}' of "${definition.title}" was due`,
      );
    }
    const bump = <T extends { remindersSent: number; escalated: boolean }>(
      kind: string,
      id: string,
      entry: T,
    ): T => {
      const hit = due.find((d) => d.kind === kind && d.id === id);
      return hit ? { ...entry, ...afterNudge(entry, hit.nudge) } : entry;
    };
    commit({
      ...state,
      plan: {
        ...plan,
        tasks: plan.tasks.map((t) => bump('task', t.id, t)),
        trainees: plan.trainees.map((t) => bump('training', t.person, t)),
      },
    });
    await audit('implementation-nudged', null, {
      nudges: due.map((d) => ({ kind: d.kind, id: d.id, nudge: d.nudge.kind, number: d.nudge.number })),
    });
  }

  /** Evaluating: at the window's end, judge every KPI; extend once when samples are short. */
  async function evaluate(): Promise<void> {
    const window = required(state.evaluationWindow, 'evaluation window');
    if (
      (await waitFor(window.endsAt, `evaluation window, cycle ${state.cycle}, ends ${window.endsAt}`)) ===
      'changed'
    )
      return;
    const measured = await measure(window.from, window.endsAt, `evaluation of cycle ${state.cycle}`);
    const short = shortOfSamples(state, measured);
    if (short.length > 0 && !window.extended) {
      commit(extendEvaluationWindow(state, policy.evaluationWindowMs));
      await audit('evaluation-window-extended', null, {
        shortOfSamples: short,
        measured,
        endsAt: state.evaluationWindow?.endsAt,
      });
      return;
    }
    const evaluation = buildEvaluation(state, 'evaluation', measured, window.from, window.endsAt);
    const owner = { person: definition.owner, department: definition.department };
    if (evaluation.inconclusive) {
      await notify(
        'evaluation-inconclusive',
        { role: policy.approval.escalateTo },
        'evaluation-inconclusive',
        `Evaluation of cycle ${state.cycle} is inconclusive: too few samples for ${short.join(', ')}`,
        { evaluation },
      );
    }
    await notify(
      'evaluation-ready',
      owner,
      'evaluation-ready',
      `Evaluation of cycle ${state.cycle}: ${evaluation.met ? 'target met' : 'target not met'}`,
      { evaluation },
    );
    if (evaluation.met)
      await notify(
        'target-met',
        owner,
        'target-met',
        `"${definition.title}" met its target in cycle ${state.cycle}`,
        { evaluation },
      );
    commit(recordEvaluation(state, evaluation, now()));
    await audit(
      'evaluation-recorded',
      null,
      { evaluation, next: { phase: state.phase, cycle: state.cycle } },
      { evaluation, reviewNumber: 0 },
    );
    if (state.phase === 'CycleLimitReached') {
      await notify(
        'cycle-limit-reached',
        { role: policy.managerRoles[0], person: definition.owner },
        'cycle-limit',
        `"${definition.title}" reached its limit of ${state.maxCycles} cycles: extend or close`,
      );
    }
    continueAsNewDue = true;
  }

  /** Sustaining: every follow-up interval, re-measure; a regression reopens planning. */
  async function followUp(): Promise<void> {
    const dueAt = required(state.followUps.nextAt, 'next follow-up');
    const number = state.followUps.done + 1;
    if (
      (await waitFor(
        dueAt,
        `follow-up review ${number} of ${definition.kpis.map((k) => k.name).join(', ')}`,
      )) === 'changed'
    )
      return;
    const from = new Date(Date.parse(dueAt) - policy.followUpIntervalMs).toISOString();
    const measured = await measure(from, dueAt, `follow-up review ${number}`);
    const review = buildEvaluation(state, 'follow-up', measured, from, dueAt);
    const cycleBefore = state.cycle;
    commit(recordFollowUp(state, review, now()));
    await audit(
      'follow-up-recorded',
      null,
      {
        review,
        number,
        next: { phase: state.phase, cycle: state.cycle },
        ...(state.closed ? { outcome: state.closed.outcome } : {}),
      },
      { evaluation: review, reviewNumber: number },
    );
    const owner = { person: definition.owner, department: definition.department };
    if (review.inconclusive) {
      await notify(
        'evaluation-inconclusive',
        { role: policy.approval.escalateTo },
        `follow-up-${number}-inconclusive`,
        `Follow-up review ${number} is inconclusive: too few samples`,
        { review },
      );
    } else if (!review.met) {
      await notify(
        'regression',
        owner,
        `follow-up-${number}-regression-from-c${cycleBefore}`,
        `"${definition.title}" regressed at follow-up review ${number}: reopened as cycle ${state.cycle}`,
        { review },
      );
    }
    continueAsNewDue = true;
  }

  // --- main ----------------------------------------------------------------------------------------

  if (!input.carried) {
    await activities.registerInitiative.executeWithOptions(
      withSummary(REGISTER_WRITE, 'register the initiative'),
      [{ workflowId, definition, phase: state.phase, cycle: state.cycle }],
    );
    commit(state);
    await audit(
      'create-initiative',
      input.createdBy ?? { user: definition.owner, role: 'owner' },
      { definition },
      undefined,
      input.requestId,
    );
  } else {
    commit(state);
  }

  while (!isClosed()) {
    switch (state.phase) {
      case 'Assessing':
        await assess();
        break;
      case 'Planning':
        await waitFor(null, 'waiting for a plan');
        break;
      case 'AwaitingApproval':
        await awaitApproval();
        break;
      case 'Implementing':
        await implement();
        break;
      case 'Evaluating':
        await evaluate();
        break;
      case 'Sustaining':
        await followUp();
        break;
      case 'CycleLimitReached':
        await waitFor(null, 'waiting for the manager to extend or close');
        break;
      case 'Paused':
        await waitFor(null, 'paused');
        break;
    }
    if ((continueAsNewDue || workflowInfo().continueAsNewSuggested) && !isClosed()) {
      // Bounded history: a fresh run per cycle boundary and per follow-up, carrying the state.
      await condition(allHandlersFinished);
      publish();
      return continueAsNew<typeof initiativeWorkflow>({
        definition,
        carried: state,
        revision: INITIATIVE_WORKFLOW_REVISION,
      });
    }
  }
  await condition(allHandlersFinished);
  publish();
  return state;
}

import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ActorInput,
  getStateQuery,
  INITIATIVE_WORKFLOW_REVISION,
  InitiativeErrorCode,
  type InitiativeAnswer,
  type InitiativeState,
  type InitiativeUpdate,
  type InitiativeWorkflowInput,
  type Refusal,
} from '@cio/contracts';
import {
  actorOf,
  actorProblems,
  changedSearchAttributes,
  describeCurrentState,
  INITIATIVE_COMMANDS,
  type InitiativeCommand,
  initiativeSearchAttributes,
  initialState,
  type KpiWindowAggregate,
  type PhaseStep,
  pulledKpis,
  stepOf,
  stepStillApplies,
  waitingOn,
  waitOf,
  windowToMeasure,
  withUncollected,
} from '@cio/domain';
import { registerEffects, type Uncollected } from './register-effects';

/** Update ids remembered across continue-as-new, so a client's retry counts once. */
const MAX_SEEN_UPDATE_IDS = 2_000;

const now = () => new Date().toISOString();

/**
 * One continual-improvement initiative, from baseline to closure, as one durable workflow. It
 * holds no rules: the commands people send and the steps each phase takes when its deadline passes
 * come from @cio/domain; this function waits, carries them out and records them.
 */
export async function initiativeWorkflow(input: InitiativeWorkflowInput): Promise<InitiativeState> {
  const { definition } = input;
  const { workflowId } = workflowInfo();
  /** Which command sequence this run follows (see INITIATIVE_WORKFLOW_REVISION). */
  const revision = input.revision ?? 1;
  let state = input.carried ?? initialState(definition, now());
  /** Bumped by every accepted update: wakes the lifecycle to re-read the state. */
  let changes = 0;
  const isClosed = () => state.phase === 'Closed';

  // --- the one place the state changes -----------------------------------------------------------

  /** Adopts the next state (counting an audit entry when one follows) and shows it in the UI. */
  function commit(next: InitiativeState, audited: boolean): void {
    const phaseSince = next.phase !== state.phase ? now() : next.phaseSince;
    const auditSequence = next.auditSequence + (audited ? 1 : 0);
    state = { ...next, phaseSince, auditSequence };
    state = { ...state, waitingOn: waitingOn(state) };
    if (revision < 2) upsertSearchAttributes(initiativeSearchAttributes(definition, state));
    setCurrentDetails(describeCurrentState(state));
    changes++;
  }

  /** Revision 2: the search attributes that changed, once per workflow task, before it waits or ends. */
  function publish(): void {
    if (revision < 2) return;
    const wanted = initiativeSearchAttributes(definition, state);
    const changed = changedSearchAttributes(workflowInfo().typedSearchAttributes, wanted);
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  function answer(): InitiativeAnswer {
    const { seenUpdateIds: _ids, auditSequence: _sequence, ...rest } = state;
    return rest;
  }

  const effects = registerEffects(workflowId, definition);

  /**
   * A window at its end: its pulled KPIs collected from their data sources first (the wait on them
   * shown meanwhile), then its aggregates. A KPI whose collection failed counts as short of
   * samples: the window is never judged as if its data were complete.
   */
  async function observe(window: { from: string; to: string; summary: string }) {
    let uncollected: Uncollected[] = [];
    const pulled = pulledKpis(state);
    if (pulled.length > 0) {
      const dataSources = [...new Set(pulled.map((k) => k.source.dataSource))];
      commit({ ...state, collecting: { dataSources, since: now() } }, false);
      uncollected = await effects.collect(state, window, dataSources);
      commit({ ...state, collecting: null }, false);
    }
    const measured: KpiWindowAggregate[] = await effects.measure(state, window);
    return {
      measured: withUncollected(
        measured,
        uncollected.map((u) => u.kpi),
      ),
      uncollected,
    };
  }

  /**
   * A phase's step: who is told, then the change with its audit entry, then who is told after.
   * From revision 3, the change is not made when an update accepted while the notices were sent
   * ended the wait the step belonged to (see stepStillApplies).
   */
  async function carryOut(step: PhaseStep, uncollected: Uncollected[], decidedOn: InitiativeState) {
    for (const notice of step.notify) await effects.notify(notice);
    if (revision >= 3 && !stepStillApplies(decidedOn, state)) return false;
    const { state: next, audit: entry, notifyAfter, continueAsNew: due } = step.record(state, now());
    commit(next, true);
    const details = uncollected.length > 0 ? { ...entry.details, uncollected } : entry.details;
    await effects.audit(state, { ...entry, details, actor: null });
    for (const notice of notifyAfter) await effects.notify(notice);
    return due;
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

  // --- commands: every update from the domain's table ---------------------------------------------

  function refused(refusal: Refusal): never {
    throw ApplicationFailure.create({
      type: refusal.code,
      message: refusal.message,
      nonRetryable: true,
      ...(refusal.problems ? { details: [refusal.problems] } : {}),
    });
  }

  /** The validator refuses before anything reaches history; the handler applies, commits and audits. */
  function handle<I extends ActorInput>(update: InitiativeUpdate<I>, command: InitiativeCommand<I>): void {
    const updateId = () => currentUpdateInfo()?.id;
    const alreadyApplied = () => {
      const id = updateId();
      return !!id && state.seenUpdateIds.includes(id);
    };
    const validator = (message: I) => {
      if (alreadyApplied()) return;
      const problems = actorProblems(message?.actor);
      const [first] = problems;
      if (first)
        refused({
          code: InitiativeErrorCode.INVALID_INPUT,
          message: `${first.field} ${first.message}`,
          problems,
        });
      const refusal = command.refuse(state, message, actorOf(message.actor));
      if (refusal) refused(refusal);
    };
    const handler = async (message: I) => {
      if (alreadyApplied()) return answer();
      const id = updateId();
      const by = command.actingAs(state, message, actorOf(message.actor));
      const next = command.apply(state, message, by, now());
      const seenUpdateIds = id
        ? [...state.seenUpdateIds, id].slice(-MAX_SEEN_UPDATE_IDS)
        : next.seenUpdateIds;
      commit({ ...next, seenUpdateIds }, true);
      // A delegate's step reads "by them on behalf of" the person they stood in for.
      const details = {
        ...command.details(message, state),
        ...(by.onBehalfOf ? { onBehalfOf: by.onBehalfOf } : {}),
      };
      const requestId = message.requestId;
      await effects.audit(state, {
        action: command.action,
        actor: by,
        details,
        ...(requestId ? { requestId } : {}),
      });
      publish();
      return answer();
    };
    setHandler(update, handler, { validator });
  }

  setHandler(getStateQuery, answer);
  for (const binding of INITIATIVE_COMMANDS) binding.register(handle);

  // --- the lifecycle --------------------------------------------------------------------------------

  if (!input.carried) {
    await effects.register(state);
    commit(state, true);
    const actor = input.createdBy ?? { user: definition.owner, role: 'owner' };
    const requestId = input.requestId;
    await effects.audit(state, {
      ...{ action: 'create-initiative', actor, details: { definition } },
      ...(requestId ? { requestId } : {}),
    });
  } else {
    commit(state, false);
  }

  while (!isClosed()) {
    // Each waiting phase says what it waits for; when its deadline passes, its step says what follows.
    const { until, summary, due } = waitOf(state);
    const deadlinePassed = until === 'now' || (await waitFor(until, summary)) === 'deadline';
    let continueAsNewDue = false;
    if (deadlinePassed && due) {
      const decidedOn = state;
      const window = windowToMeasure(state, due);
      const { measured, uncollected } = window ? await observe(window) : { measured: [], uncollected: [] };
      // Revision 3: an update accepted while the window was collected and measured wins.
      if (revision < 3 || stepStillApplies(decidedOn, state)) {
        const step = stepOf(state, due, measured, now(), { revision });
        continueAsNewDue = await carryOut(step, uncollected, decidedOn);
      }
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

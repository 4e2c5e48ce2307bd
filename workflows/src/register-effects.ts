import { ActivityFailure, type ActivityOptions, isCancellation, proxyActivities } from '@temporalio/workflow';
import type {
  ActedAs,
  AuditAction,
  InitiativeDefinition,
  InitiativeState,
  RecordedEvaluation,
} from '@cio/contracts';
import {
  DEFAULT_COLLECTION_PATIENCE_MS,
  type Notice,
  noticeSubject,
  openWindow,
  pulledKpis,
} from '@cio/domain';
import type { RegisterActivities } from '@cio/activities';
import { DATA_COLLECTION, MEASUREMENT_READ, NOTIFICATION, REGISTER_WRITE } from './activity-profiles';

const activities = proxyActivities<RegisterActivities>(REGISTER_WRITE);

const now = () => new Date().toISOString();

/** A pulled KPI whose window could not be collected, and why (recorded with the step's audit entry). */
export type Uncollected = { kpi: string; dataSource: string; error: string };
const withSummary = (options: ActivityOptions, summary: string) => ({ ...options, summary });

/**
 * What one initiative's workflow asks of the world, each an activity with a summary the Temporal
 * UI shows: register it, record a step, send a notice, measure a window.
 */
export function registerEffects(workflowId: string, definition: InitiativeDefinition) {
  return {
    register(state: InitiativeState): Promise<void> {
      const registration = { workflowId, definition, phase: state.phase, cycle: state.cycle };
      return activities.registerInitiative.executeWithOptions(
        withSummary(REGISTER_WRITE, 'register the initiative'),
        [registration],
      );
    },

    /** Records the step just committed: its audit entry and the register's projection of the state. */
    audit(
      state: InitiativeState,
      entry: {
        action: AuditAction;
        actor: ActedAs | null;
        details: Record<string, unknown>;
        recorded?: RecordedEvaluation;
        requestId?: string;
      },
    ): Promise<void> {
      const { phase, phaseSince, cycle, maxCycles, waitingOn, plan, baseline, closed } = state;
      const { action, actor, details, recorded, requestId } = entry;
      const snapshot = {
        ...{ phase, phaseSince, cycle, maxCycles, waitingOn, plan, baseline },
        ...(pulledKpis(state).length > 0 ? { window: openWindow(state) } : {}),
        closed: closed ? { outcome: closed.outcome, at: closed.at } : null,
        ...(recorded ? { recorded } : {}),
      };
      const step = {
        ...{ workflowId, initiativeId: definition.id, cycle, sequence: state.auditSequence },
        ...{ actor: actor?.user ?? 'system', role: actor?.role ?? null, action, details },
        ...{ occurredAt: now(), phase, snapshot, ...(requestId ? { requestId } : {}) },
      };
      return activities.recordAudit.executeWithOptions(withSummary(REGISTER_WRITE, `audit: ${action}`), [
        step,
      ]);
    },

    notify(notice: Notice): Promise<void> {
      const { kind, to, key, payload, facts } = notice;
      const message = {
        ...{ key: `${workflowId}:${key}`, initiativeId: definition.id, kind, to, payload, facts },
        subject: noticeSubject(definition, notice),
      };
      const recipient = to.role ?? to.person ?? to.department ?? 'owner';
      return activities.notify.executeWithOptions(withSummary(NOTIFICATION, `${kind} to ${recipient}`), [
        message,
      ]);
    },

    /** The window's pulled KPIs from their data sources, retried for the policy's patience. */
    /**
     * The window's pulled KPIs, one activity per data source, each retried on its own until the
     * policy's patience runs out: a source that stays down leaves only its own KPIs uncollected.
     */
    async collect(
      state: InitiativeState,
      window: { from: string; to: string },
      dataSources: readonly string[],
    ): Promise<Uncollected[]> {
      const patience = definition.policy.collectionPatienceMs ?? DEFAULT_COLLECTION_PATIENCE_MS;
      const options = { ...DATA_COLLECTION, scheduleToCloseTimeout: patience };
      const perSource = await Promise.all(
        dataSources.map(async (dataSource): Promise<Uncollected[]> => {
          const kpis = pulledKpis(state)
            .filter((k) => k.source.dataSource === dataSource)
            .map((k) => ({ name: k.name, source: k.source }));
          try {
            const collected = await activities.collectWindow.executeWithOptions(
              withSummary(options, `collect from ${dataSource}`),
              [{ initiativeId: definition.id, kpis, from: window.from, to: window.to }],
            );
            return collected.uncollected;
          } catch (error) {
            if (isCancellation(error)) throw error;
            const reason =
              error instanceof ActivityFailure ? (error.cause?.message ?? error.message) : String(error);
            return kpis.map((k) => ({ kpi: k.name, dataSource, error: reason }));
          }
        }),
      );
      return perSource.flat();
    },

    /** Window aggregates; once a baseline exists, each KPI is also compared with its baseline window. */
    measure(state: InitiativeState, window: { from: string; to: string; summary: string }) {
      const kpis = definition.kpis.map((k) => {
        const baseline = state.baseline.find((b) => b.kpi === k.name);
        const against = baseline
          ? { baseline: { from: baseline.from, to: baseline.to, value: baseline.value } }
          : {};
        return { name: k.name, aggregate: k.aggregate, ...against };
      });
      const query = { initiativeId: definition.id, kpis, from: window.from, to: window.to };
      return activities.measureKpis.executeWithOptions(withSummary(MEASUREMENT_READ, window.summary), [
        query,
      ]);
    },
  };
}

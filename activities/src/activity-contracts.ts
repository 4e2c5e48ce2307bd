import type { Aggregate, KpiComparison, NotificationKind, PulledKpi, RegisterSnapshot } from '@cio/contracts';
import type { InitiativeRegistration, OutboxNotification, WorkflowStep } from '@cio/persistence';

/** Inputs and outputs of the initiative activities: one object each, so fields can be added. */

/** The register's own record types are the activities' inputs: rows are typed in one place. */
export type RegisterInitiativeInput = InitiativeRegistration;
export type AuditInput = WorkflowStep;
export type NotifyInput = OutboxNotification;

export type { NotificationKind, RegisterSnapshot };

export interface MeasureKpisInput {
  initiativeId: string;
  /** With a baseline window, each KPI is also compared with it (change, test, confidence interval). */
  kpis: { name: string; aggregate: Aggregate; baseline?: { from: string; to: string; value: number } }[];
  from: string;
  to: string;
}

export interface KpiMeasurement {
  kpi: string;
  /** The aggregate over the window, or null without samples. */
  value: number | null;
  samples: number;
  comparison?: KpiComparison;
}

export interface CollectWindowInput {
  initiativeId: string;
  kpis: { name: string; source: PulledKpi['source'] }[];
  from: string;
  to: string;
}

export interface CollectWindowResult {
  /** New samples stored (those pulled before are kept once). */
  stored: number;
  /** KPIs whose source refused their query: their window counts as not collected. */
  uncollected: { kpi: string; dataSource: string; error: string }[];
}

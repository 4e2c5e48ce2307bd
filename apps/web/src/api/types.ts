// Names for the contract's shapes (generated from apps/gateway/openapi.json into schema.gen.ts).
import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type InitiativeState = Schemas['InitiativeState'];
export type Initiative = Schemas['Initiative'];
export type RegisterRecord = Initiative['register'];
export type InitiativeSummary = Schemas['InitiativeSummary'];
export type PermittedActions = Schemas['PermittedActions'];
export type WaitingOn = Schemas['WaitingOn'];
export type WaitKind = WaitingOn['kind'];
export type Phase = InitiativeState['phase'];
export type Kpi = Schemas['Kpi'];
export type Policy = Schemas['Policy'];
export type Baseline = InitiativeState['baseline'][number];
export type Evaluation = Schemas['Evaluation'];
export type EvaluationRecord = Schemas['EvaluationRecord'];
export type FollowUpRecord = RegisterRecord['followUps'][number];
export type PlanVersionRecord = RegisterRecord['planVersions'][number];
export type CycleRecord = RegisterRecord['cycles'][number];
export type Verdict = EvaluationRecord['verdict'];
export type AuditEntry = Schemas['AuditPage']['items'][number];
export type AuditPage = Schemas['AuditPage'];
export type KpiSeries = Schemas['KpiSeries'];
export type CreateInitiative = Schemas['CreateInitiative'];
export type SubmitPlan = Schemas['SubmitPlan'];
export type MeasureKind = SubmitPlan['measures'][number]['kind'];
export type SignInConfig = Schemas['SignInConfig'];
export type Persona = SignInConfig['personas'][number];
export type WorkItem = Schemas['MyWork']['items'][number];
export type ErrorBody = Schemas['Error'];

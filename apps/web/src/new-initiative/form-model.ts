// The new-initiative form: what people type (text, human units) ↔ the API's CreateInitiative body
// (milliseconds), its validation, and the API's field errors placed at the form's fields.
import type { CreateInitiative, InitiativeDraft, Kpi, KpiHint } from '../api/types';
import { type DurationInput, fromMilliseconds, numberText, toMilliseconds } from './durations';

export type Direction = Kpi['direction'];
export type Aggregate = Kpi['aggregate'];
export const DIRECTIONS: readonly Direction[] = ['lower-is-better', 'higher-is-better'];
export const AGGREGATES: readonly Aggregate[] = ['mean', 'median', 'p90', 'p95', 'rate', 'last'];
export type ApprovalMode = CreateInitiative['policy']['approval']['mode'];
export const APPROVAL_MODES: readonly ApprovalMode[] = ['all', 'any', 'quorum'];

/** Where a KPI's samples come from: pushed through the API, a data source, or the feedback. */
export type SourceKind = 'push' | 'threshold' | 'ratio' | 'feedback';
export const SOURCE_KINDS: readonly SourceKind[] = ['push', 'threshold', 'ratio', 'feedback'];

export interface KpiRow {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
  aggregate: Aggregate;
  targetKind: 'absolute' | 'relative';
  /** The target value (absolute) or the improvement in percent (relative). */
  target: string;
  sourceKind: SourceKind;
  /** A configured data source (GET /data-sources), for a threshold or ratio KPI. */
  dataSource: string;
  /** The expression whose value is the sample (threshold). */
  query: string;
  /** The counters of good and of all events (ratio). */
  good: string;
  total: string;
  /** Why the KPI was suggested (a hint of the opportunity's draft). */
  why?: string;
}

export interface InitiativeForm {
  id: string;
  title: string;
  service: string;
  department: string;
  owner: string;
  kpis: KpiRow[];
  approvalMode: ApprovalMode;
  quorum: string;
  approvalRoles: string;
  reminderInterval: DurationInput;
  maxReminders: string;
  escalateTo: string;
  managerRoles: string;
  assessmentPeriod: DurationInput;
  evaluationWindow: DurationInput;
  minSamples: string;
  maxCycles: string;
  followUpInterval: DurationInput;
  followUpsToComplete: string;
  implementationReminderInterval: DurationInput;
  implementationMaxReminders: string;
  /** How long a window's end waits on a data source that is down (pulled KPIs only). */
  collectionPatience: DurationInput;
  /** The opportunity it is promoted from, or ''. */
  opportunityId: string;
}

/** What is wrong with a field, as a catalogue key of `newInitiative.problem`. */
export type Problem =
  'required' | 'id' | 'kpiName' | 'duplicateKpi' | 'number' | 'percent' | 'duration' | 'whole' | 'quorum';
export interface ProblemAt {
  problem: Problem;
  min?: number;
  max?: number;
}
export type FormProblems = Record<string, ProblemAt>;

const ID = /^[a-z0-9][a-z0-9-]{2,62}$/;
const KPI_NAME = /^[a-z][a-z0-9_]{0,62}$/;

let kpiCounter = 0;
export function emptyKpi(): KpiRow {
  kpiCounter += 1;
  return {
    key: `kpi-${kpiCounter}`,
    name: '',
    unit: '',
    direction: 'lower-is-better',
    aggregate: 'median',
    targetKind: 'absolute',
    target: '',
    sourceKind: 'push',
    dataSource: '',
    query: '',
    good: '',
    total: '',
  };
}

/** The source of a KPI as the API takes it (none when pushed). */
function sourceOf(row: KpiRow, text: (value: string, field: string) => string, i: number): Kpi['source'] {
  switch (row.sourceKind) {
    case 'push':
      return undefined;
    case 'feedback':
      return { kind: 'feedback' };
    case 'threshold':
      return {
        kind: 'threshold',
        dataSource: text(row.dataSource, `kpis.${i}.dataSource`),
        query: text(row.query, `kpis.${i}.query`),
      };
    case 'ratio':
      return {
        kind: 'ratio',
        dataSource: text(row.dataSource, `kpis.${i}.dataSource`),
        good: text(row.good, `kpis.${i}.good`),
        total: text(row.total, `kpis.${i}.total`),
      };
  }
}

/** Whether any KPI is pulled from a data source (then the collection patience applies). */
export const pullsData = (form: InitiativeForm) =>
  form.kpis.some((k) => k.sourceKind === 'threshold' || k.sourceKind === 'ratio');

const days = (n: number): DurationInput => ({ amount: String(n), unit: 'days' });

/** The retailer's policy as the starting point, owned by the caller's first department. */
export function defaultForm(departments: readonly string[] = []): InitiativeForm {
  return {
    id: '',
    title: '',
    service: '',
    department: departments[0] ?? '',
    owner: '',
    kpis: [emptyKpi()],
    approvalMode: 'all',
    quorum: '1',
    approvalRoles: 'cs-lead, change-board',
    reminderInterval: days(2),
    maxReminders: '3',
    escalateTo: 'cio',
    managerRoles: 'improvement-manager',
    assessmentPeriod: days(7),
    evaluationWindow: days(14),
    minSamples: '30',
    maxCycles: '3',
    followUpInterval: days(30),
    followUpsToComplete: '6',
    implementationReminderInterval: days(2),
    implementationMaxReminders: '3',
    collectionPatience: { amount: '1', unit: 'hours' },
    opportunityId: '',
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A KPI the draft suggests, as a row to complete: its target is the manager's to set. */
export function kpiRowOfHint(hint: KpiHint): KpiRow {
  const source = hint.source ?? {};
  const kind = source.kind;
  return {
    ...emptyKpi(),
    name: hint.name,
    unit: hint.unit,
    direction: hint.direction,
    aggregate: hint.aggregate,
    why: hint.why,
    ...(kind === 'feedback' ? { sourceKind: 'feedback' as const } : {}),
    ...(kind === 'threshold'
      ? { sourceKind: 'threshold' as const, dataSource: text(source.dataSource), query: text(source.query) }
      : {}),
    ...(kind === 'ratio'
      ? {
          sourceKind: 'ratio' as const,
          dataSource: text(source.dataSource),
          good: text(source.good),
          total: text(source.total),
        }
      : {}),
  };
}

/** The form of the initiative an opportunity becomes: its draft over the defaults. */
export function formFromDraft(draft: InitiativeDraft, departments: readonly string[] = []): InitiativeForm {
  return {
    ...defaultForm(departments),
    title: draft.title,
    service: draft.service,
    department: draft.department,
    kpis: draft.kpiHints.length > 0 ? draft.kpiHints.map(kpiRowOfHint) : [emptyKpi()],
    opportunityId: draft.opportunityId,
  };
}

/** A list typed as "a, b" (or "a，b", or one a line). */
export function namesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，;\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The body for POST /initiatives, or the problems by field name. */
export function toCreateBody(
  form: InitiativeForm,
): { body: CreateInitiative; problems: null } | { body: null; problems: FormProblems } {
  const problems: FormProblems = {};
  const text = (value: string, field: string, required = true) => {
    const trimmed = value.trim();
    if (required && !trimmed) problems[field] = { problem: 'required' };
    return trimmed;
  };
  const whole = (value: string, field: string, min: number, max: number) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      problems[field] = { problem: 'whole', min, max };
    return n;
  };
  const duration = (value: DurationInput, field: string) => {
    const ms = toMilliseconds(value);
    if (ms === null) problems[field] = { problem: value.amount.trim() ? 'duration' : 'required' };
    return ms ?? 0;
  };

  const id = text(form.id, 'id', false);
  if (id && !ID.test(id)) problems.id = { problem: 'id' };
  const names = new Set<string>();
  const kpis: Kpi[] = form.kpis.map((row, i) => {
    const name = text(row.name, `kpis.${i}.name`);
    if (name && !KPI_NAME.test(name)) problems[`kpis.${i}.name`] = { problem: 'kpiName' };
    else if (name && names.has(name)) problems[`kpis.${i}.name`] = { problem: 'duplicateKpi' };
    names.add(name);
    const value = row.target.trim() === '' ? NaN : Number(numberText(row.target));
    const field = `kpis.${i}.target`;
    if (row.target.trim() === '') problems[field] = { problem: 'required' };
    else if (!Number.isFinite(value)) problems[field] = { problem: 'number' };
    else if (row.targetKind === 'relative' && (value <= 0 || value > 100))
      problems[field] = { problem: 'percent' };
    const source = sourceOf(row, text, i);
    return {
      ...(source ? { source } : {}),
      name,
      unit: text(row.unit, `kpis.${i}.unit`),
      direction: row.direction,
      aggregate: row.aggregate,
      target:
        row.targetKind === 'absolute'
          ? { kind: 'absolute', value }
          : { kind: 'relative', improvementPercent: value },
    };
  });
  if (kpis.length === 0) problems.kpis = { problem: 'required' };

  const roles = namesOf(form.approvalRoles);
  if (roles.length === 0) problems['policy.approval.roles'] = { problem: 'required' };
  const quorum =
    form.approvalMode === 'quorum'
      ? whole(form.quorum, 'policy.approval.quorum', 1, Math.max(1, roles.length))
      : undefined;
  const managerRoles = namesOf(form.managerRoles);
  if (managerRoles.length === 0) problems['policy.managerRoles'] = { problem: 'required' };

  const body: CreateInitiative = {
    ...(id ? { id } : {}),
    title: text(form.title, 'title'),
    service: text(form.service, 'service'),
    department: text(form.department, 'department'),
    ...(form.owner.trim() ? { owner: form.owner.trim() } : {}),
    kpis,
    policy: {
      approval: {
        mode: form.approvalMode,
        roles,
        ...(quorum !== undefined ? { quorum } : {}),
        reminderIntervalMs: duration(form.reminderInterval, 'policy.approval.reminderInterval'),
        maxReminders: whole(form.maxReminders, 'policy.approval.maxReminders', 0, 50),
        escalateTo: text(form.escalateTo, 'policy.approval.escalateTo'),
      },
      managerRoles,
      assessmentPeriodMs: duration(form.assessmentPeriod, 'policy.assessmentPeriod'),
      evaluationWindowMs: duration(form.evaluationWindow, 'policy.evaluationWindow'),
      minSamples: whole(form.minSamples, 'policy.minSamples', 1, 1_000_000),
      maxCycles: whole(form.maxCycles, 'policy.maxCycles', 1, 100),
      followUpIntervalMs: duration(form.followUpInterval, 'policy.followUpInterval'),
      followUpsToComplete: whole(form.followUpsToComplete, 'policy.followUpsToComplete', 1, 100),
      implementationReminderIntervalMs: duration(
        form.implementationReminderInterval,
        'policy.implementationReminderInterval',
      ),
      implementationMaxReminders: whole(
        form.implementationMaxReminders,
        'policy.implementationMaxReminders',
        0,
        50,
      ),
      ...(pullsData(form)
        ? { collectionPatienceMs: duration(form.collectionPatience, 'policy.collectionPatience') }
        : {}),
    },
    ...(form.opportunityId ? { opportunityId: form.opportunityId } : {}),
  };
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}

/** A definition back as the form shows it (milliseconds in human units). */
export function formOf(definition: CreateInitiative): InitiativeForm {
  const { policy } = definition;
  return {
    id: definition.id ?? '',
    title: definition.title,
    service: definition.service,
    department: definition.department,
    owner: definition.owner ?? '',
    kpis: definition.kpis.map((kpi) => ({
      ...emptyKpi(),
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      aggregate: kpi.aggregate,
      targetKind: kpi.target.kind,
      target: String(kpi.target.kind === 'absolute' ? kpi.target.value : kpi.target.improvementPercent),
      sourceKind: kpi.source?.kind ?? 'push',
      dataSource: kpi.source && 'dataSource' in kpi.source ? kpi.source.dataSource : '',
      query: kpi.source?.kind === 'threshold' ? kpi.source.query : '',
      good: kpi.source?.kind === 'ratio' ? kpi.source.good : '',
      total: kpi.source?.kind === 'ratio' ? kpi.source.total : '',
    })),
    approvalMode: policy.approval.mode,
    quorum: String(policy.approval.quorum ?? 1),
    approvalRoles: policy.approval.roles.join(', '),
    reminderInterval: fromMilliseconds(policy.approval.reminderIntervalMs),
    maxReminders: String(policy.approval.maxReminders),
    escalateTo: policy.approval.escalateTo,
    managerRoles: policy.managerRoles.join(', '),
    assessmentPeriod: fromMilliseconds(policy.assessmentPeriodMs),
    evaluationWindow: fromMilliseconds(policy.evaluationWindowMs),
    minSamples: String(policy.minSamples),
    maxCycles: String(policy.maxCycles),
    followUpInterval: fromMilliseconds(policy.followUpIntervalMs),
    followUpsToComplete: String(policy.followUpsToComplete),
    implementationReminderInterval: fromMilliseconds(policy.implementationReminderIntervalMs),
    implementationMaxReminders: String(policy.implementationMaxReminders),
    collectionPatience: fromMilliseconds(policy.collectionPatienceMs ?? 3_600_000),
    opportunityId: definition.opportunityId ?? '',
  };
}

/**
 * The form's field for a field the API names: `kpis[0].target.value` → `kpis.0.target`,
 * `policy.approval.reminderIntervalMs` → `policy.approval.reminderInterval`,
 * `policy.approval.roles[1]` → `policy.approval.roles`. Null when no field shows it.
 */
export function formFieldOf(apiPath: string): string | null {
  const path = apiPath.replace(/\[(\d+)\]/g, '.$1');
  const kpi = /^kpis\.(\d+)\.(name|unit|direction|aggregate|target)(\..*)?$/.exec(path);
  if (kpi) return `kpis.${kpi[1]}.${kpi[2]}`;
  const source = /^kpis\.(\d+)\.source\.(dataSource|query|good|total|kind)$/.exec(path);
  if (source) return `kpis.${source[1]}.${source[2] === 'kind' ? 'sourceKind' : source[2]}`;
  if (/^(id|title|service|department|owner|kpis)$/.test(path)) return path;
  const roles = /^(policy\.approval\.roles|policy\.managerRoles)(\.\d+)?$/.exec(path);
  if (roles) return roles[1] ?? null;
  const policy = /^policy\.(approval\.)?(\w+?)(Ms)?$/.exec(path);
  if (policy) return `policy.${policy[1] ?? ''}${policy[2]}`;
  return null;
}

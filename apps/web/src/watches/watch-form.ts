// The new-watch form: what people type (text, human units) ↔ the API's CreateWatch body
// (milliseconds), its checks, and the API's field errors placed at the form's fields.
import type { CreateWatch, WatchedKpi } from '../api/types';
import { type DurationInput, numberText, toMilliseconds } from '../new-initiative/durations';
import type { Aggregate, Direction } from '../new-initiative/form-model';

/** Where the KPI's samples come from: pushed to the watch through the API, or a data source. */
export type WatchSourceKind = 'push' | 'threshold' | 'ratio';
export const WATCH_SOURCE_KINDS: readonly WatchSourceKind[] = ['push', 'threshold', 'ratio'];
export type WatchRuleKind = CreateWatch['rule']['kind'];
export const WATCH_RULE_KINDS: readonly WatchRuleKind[] = ['threshold', 'degradation'];

export interface WatchForm {
  id: string;
  title: string;
  service: string;
  department: string;
  kpiName: string;
  unit: string;
  direction: Direction;
  aggregate: Aggregate;
  sourceKind: WatchSourceKind;
  dataSource: string;
  query: string;
  good: string;
  total: string;
  ruleKind: WatchRuleKind;
  /** The threshold rule's value. */
  threshold: string;
  /** The degradation rule's significance level and least change in percent. */
  alpha: string;
  minChangePercent: string;
  recentPeriod: DurationInput;
  baselinePeriod: DurationInput;
  minSamples: string;
  consecutiveChecks: string;
  checkInterval: DurationInput;
}
export type WatchField = keyof WatchForm;

/** What is wrong with a field, as a catalogue key of `newWatch.problem`. */
export type WatchProblem =
  'required' | 'id' | 'kpiName' | 'number' | 'alpha' | 'percent' | 'duration' | 'whole';
export interface WatchProblemAt {
  problem: WatchProblem;
  min?: number;
  max?: number;
}
export type WatchProblems = Partial<Record<WatchField, WatchProblemAt>>;

const WATCH_ID = /^[a-z0-9][a-z0-9-]{2,39}$/;
const KPI_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** A sensible start: the median of a day against the four weeks before, checked hourly. */
export function defaultWatchForm(departments: readonly string[] = []): WatchForm {
  return {
    id: '',
    title: '',
    service: '',
    department: departments[0] ?? '',
    kpiName: '',
    unit: '',
    direction: 'lower-is-better',
    aggregate: 'median',
    sourceKind: 'push',
    dataSource: '',
    query: '',
    good: '',
    total: '',
    ruleKind: 'degradation',
    threshold: '',
    alpha: '0.05',
    minChangePercent: '10',
    recentPeriod: { amount: '1', unit: 'days' },
    baselinePeriod: { amount: '28', unit: 'days' },
    minSamples: '20',
    consecutiveChecks: '3',
    checkInterval: { amount: '1', unit: 'hours' },
  };
}

/** The body for POST /watches, or the problems by field. */
export function toCreateWatchBody(
  form: WatchForm,
): { body: CreateWatch; problems: null } | { body: null; problems: WatchProblems } {
  const problems: WatchProblems = {};
  const text = (name: WatchField, required = true) => {
    const value = String(form[name]).trim();
    if (required && !value) problems[name] = { problem: 'required' };
    return value;
  };
  const number = (name: 'threshold' | 'alpha' | 'minChangePercent') => {
    const typed = form[name].trim();
    const value = Number(numberText(typed));
    if (!typed) problems[name] = { problem: 'required' };
    else if (!Number.isFinite(value)) problems[name] = { problem: 'number' };
    return value;
  };
  const whole = (name: 'minSamples' | 'consecutiveChecks', min: number, max: number) => {
    const n = Number(form[name].trim());
    if (form[name].trim() === '' || !Number.isInteger(n) || n < min || n > max)
      problems[name] = { problem: 'whole', min, max };
    return n;
  };
  const duration = (name: 'recentPeriod' | 'baselinePeriod' | 'checkInterval') => {
    const ms = toMilliseconds(form[name]);
    if (ms === null) problems[name] = { problem: form[name].amount.trim() ? 'duration' : 'required' };
    return ms ?? 0;
  };

  const id = text('id', false);
  if (id && !WATCH_ID.test(id)) problems.id = { problem: 'id' };
  const title = text('title');
  const service = text('service');
  const department = text('department');
  const kpiName = text('kpiName');
  if (kpiName && !KPI_NAME.test(kpiName)) problems.kpiName = { problem: 'kpiName' };
  const source: WatchedKpi['source'] =
    form.sourceKind === 'threshold'
      ? { kind: 'threshold', dataSource: text('dataSource'), query: text('query') }
      : form.sourceKind === 'ratio'
        ? { kind: 'ratio', dataSource: text('dataSource'), good: text('good'), total: text('total') }
        : undefined;
  const kpi: WatchedKpi = {
    name: kpiName,
    unit: text('unit'),
    direction: form.direction,
    aggregate: form.aggregate,
    ...(source ? { source } : {}),
  };
  let rule: CreateWatch['rule'];
  if (form.ruleKind === 'threshold') {
    rule = { kind: 'threshold', value: number('threshold') };
  } else {
    const alpha = number('alpha');
    if (!problems.alpha && !(alpha > 0 && alpha <= 0.5)) problems.alpha = { problem: 'alpha' };
    const minChangePercent = number('minChangePercent');
    if (!problems.minChangePercent && !(minChangePercent >= 0 && minChangePercent <= 1000))
      problems.minChangePercent = { problem: 'percent' };
    rule = { kind: 'degradation', alpha, minChangePercent };
  }
  const body: CreateWatch = {
    ...(id ? { id } : {}),
    title,
    service,
    department,
    kpi,
    rule,
    recentPeriodMs: duration('recentPeriod'),
    ...(form.ruleKind === 'degradation' ? { baselinePeriodMs: duration('baselinePeriod') } : {}),
    minSamples: whole('minSamples', 2, 1_000_000),
    consecutiveChecks: whole('consecutiveChecks', 1, 100),
    checkIntervalMs: duration('checkInterval'),
  };
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}

const SAME_NAME: readonly WatchField[] = [
  'id',
  'title',
  'service',
  'department',
  'minSamples',
  'consecutiveChecks',
];

/**
 * The form's field for a field the API names: `kpi.name` → `kpiName`, `kpi.source.dataSource` →
 * `dataSource`, `rule.value` → `threshold`, `recentPeriodMs` → `recentPeriod`. Null when no field
 * shows it.
 */
export function watchFieldOf(apiPath: string): WatchField | null {
  const [head, next, last] = apiPath.split('.');
  if (head === 'kpi') {
    if (next === 'name') return 'kpiName';
    if (next === 'unit' || next === 'direction' || next === 'aggregate') return next;
    if (next === 'source')
      return last === 'dataSource' || last === 'query' || last === 'good' || last === 'total'
        ? last
        : 'sourceKind';
    return 'kpiName';
  }
  if (head === 'rule') {
    if (next === 'value') return 'threshold';
    return next === 'alpha' || next === 'minChangePercent' ? next : 'ruleKind';
  }
  if (head === 'recentPeriodMs') return 'recentPeriod';
  if (head === 'baselinePeriodMs') return 'baselinePeriod';
  if (head === 'checkIntervalMs') return 'checkInterval';
  return head && (SAME_NAME as readonly string[]).includes(head) ? (head as WatchField) : null;
}

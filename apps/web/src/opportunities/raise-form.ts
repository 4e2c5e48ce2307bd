// The raise form: what people type ↔ the API's RaiseOpportunity body, its checks, the API's field
// errors placed at the form's fields.
import type {
  BenefitCategory,
  BenefitLevel,
  EffortSize,
  OpportunityOrigin,
  RaiseOpportunity,
  RiskLevel,
} from '../api/types';
import { namesOf } from '../new-initiative/form-model';
import type { RaisePrefill } from './raise-link';
import {
  BENEFIT_CATEGORIES,
  BENEFIT_LEVELS,
  EFFORT_SIZES,
  isOneOf,
  ORIGINS,
  RISK_LEVELS,
} from './vocabulary';

export interface RaiseForm {
  title: string;
  description: string;
  service: string;
  department: string;
  origin: OpportunityOrigin;
  reference: string;
  benefitCategory: BenefitCategory | '';
  benefitLevel: BenefitLevel | '';
  benefitDescription: string;
  effort: EffortSize | '';
  risk: RiskLevel | '';
  /** Typed as "a, b". */
  objectives: string;
}
export type RaiseField = keyof RaiseForm;

/** What is wrong with a field, as a catalogue key of `raise.problem`. */
export type RaiseProblem = 'required' | 'objective' | 'tooManyObjectives';
export type RaiseProblems = Partial<Record<RaiseField, RaiseProblem>>;

const MAX_OBJECTIVES = 10;
const OBJECTIVE = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,79}$/u;

/** An empty form, with what the link says and the person's first department. */
export function raiseFormOf(prefill: RaisePrefill, departments: readonly string[] = []): RaiseForm {
  return {
    title: prefill.title ?? '',
    description: prefill.description ?? '',
    service: prefill.service ?? '',
    department: prefill.department ?? departments[0] ?? '',
    origin: prefill.origin ?? 'idea',
    reference: prefill.reference ?? '',
    benefitCategory: '',
    benefitLevel: '',
    benefitDescription: '',
    effort: '',
    risk: '',
    objectives: '',
  };
}

/** The body for POST /opportunities, or the problems by field. */
export function toRaiseBody(
  form: RaiseForm,
): { body: RaiseOpportunity; problems: null } | { body: null; problems: RaiseProblems } {
  const problems: RaiseProblems = {};
  const text = (name: RaiseField) => {
    const value = String(form[name]).trim();
    if (!value) problems[name] = 'required';
    return value;
  };
  const choice = <T extends string>(name: RaiseField, list: readonly T[]): T => {
    const value = form[name];
    if (!isOneOf(list, value)) problems[name] = 'required';
    return value as T;
  };
  const objectives = namesOf(form.objectives);
  if (objectives.length > MAX_OBJECTIVES) problems.objectives = 'tooManyObjectives';
  else if (objectives.some((o) => !OBJECTIVE.test(o))) problems.objectives = 'objective';
  const reference = form.reference.trim();
  const body: RaiseOpportunity = {
    title: text('title'),
    description: text('description'),
    service: text('service'),
    department: text('department'),
    origin: choice('origin', ORIGINS),
    ...(reference ? { reference } : {}),
    benefit: {
      category: choice('benefitCategory', BENEFIT_CATEGORIES),
      level: choice('benefitLevel', BENEFIT_LEVELS),
      description: text('benefitDescription'),
    },
    effort: choice('effort', EFFORT_SIZES),
    risk: choice('risk', RISK_LEVELS),
    objectives,
  };
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}

/** The form's field for a field the API names (`benefit.level` → `benefitLevel`, `objectives.2` → `objectives`). */
export function raiseFieldOf(apiPath: string): RaiseField | null {
  const [head, next] = apiPath.split('.');
  if (head === 'benefit')
    return next === 'category' ? 'benefitCategory' : next === 'level' ? 'benefitLevel' : 'benefitDescription';
  if (head === 'objectives') return 'objectives';
  const fields: readonly string[] = [
    'title',
    'description',
    'service',
    'department',
    'origin',
    'reference',
    'effort',
    'risk',
  ];
  return head && fields.includes(head) ? (head as RaiseField) : null;
}

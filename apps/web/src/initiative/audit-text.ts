// The audit trail's details in words: the fields each action records, as text (never markup).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { useFormat } from '../i18n/format';
import { BENEFIT_CATEGORIES, CLOSURE_CODES, isOneOf } from '../opportunities/vocabulary';

type Details = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null;
const list = (value: unknown): Details[] =>
  Array.isArray(value) ? value.filter((v): v is Details => typeof v === 'object' && v !== null) : [];
const record = (value: unknown): Details =>
  typeof value === 'object' && value !== null ? (value as Details) : {};

export const KNOWN_ACTIONS = [
  'create-initiative',
  'submit-plan',
  'approve-plan',
  'reject-plan',
  'complete-task',
  'complete-training',
  'pause',
  'resume',
  'cancel',
  'extend-cycle-limit',
  'set-closure',
  'push-measurements',
  'baseline-recorded',
  'assessment-extended',
  'approval-reminder',
  'approval-escalation',
  'implementation-nudged',
  'evaluation-window-opened',
  'evaluation-window-extended',
  'evaluation-recorded',
  'follow-up-recorded',
] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

const OUTCOMES = ['completed', 'cancelled', 'cycle-limit-reached'] as const;
export function isOutcome(value: unknown): value is (typeof OUTCOMES)[number] {
  return (OUTCOMES as readonly unknown[]).includes(value);
}

export function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** The action's name in the person's language. */
export function useActionName() {
  const { t } = useTranslation();
  return useCallback((action: string) => (isKnownAction(action) ? t(`audit.action.${action}`) : action), [t]);
}

/** What an entry's details say, as a list of short phrases. */
export function useAuditDetails() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return useCallback(
    (entry: AuditEntry): string[] => {
      const d = entry.details as Details;
      const lines: string[] = [];
      const push = (line: string | null | false) => {
        if (line) lines.push(line);
      };
      const say = (value: unknown, make: (v: string) => string) => {
        const v = text(value);
        if (v) lines.push(make(v));
      };
      if (entry.outcome === 'refused') {
        const code = text(d.code);
        const key = `errorCodes.${code ?? ''}`;
        push(code && (i18n.exists(key) ? `${t(key as 'errorCodes.INVALID_INPUT')} (${code})` : code));
        say(d.message, (v) => t('audit.detail.message', { text: v }));
        return lines;
      }
      say(d.planVersion, (v) => t('audit.detail.planVersion', { version: v }));
      say(d.reason, (v) => t('audit.detail.reason', { text: v }));
      say(d.comment, (v) => t('audit.detail.comment', { text: v }));
      say(d.taskId, (v) => t('audit.detail.task', { task: v }));
      say(d.person, (v) => t('audit.detail.person', { person: v }));
      say(d.additionalCycles, (v) => t('audit.detail.additionalCycles', { count: Number(v) }));
      const plan = record(d.plan);
      if (entry.action === 'submit-plan' && Array.isArray(plan.measures)) {
        push(
          format.list([
            t('audit.detail.measures', { count: list(plan.measures).length }),
            t('audit.detail.tasks', { count: list(plan.tasks).length }),
            t('audit.detail.trainees', { count: list(plan.trainees).length }),
          ]),
        );
        for (const m of list(plan.measures))
          push(
            t('audit.detail.measure', { title: text(m.title) ?? '', department: text(m.department) ?? '' }),
          );
      }
      for (const b of list(d.baseline))
        push(
          t('audit.detail.baseline', {
            kpi: text(b.kpi) ?? '',
            value: format.number(Number(b.value)),
            samples: Number(b.samples),
          }),
        );
      for (const n of list(d.nudges))
        push(
          t(n.nudge === 'escalation' ? 'audit.detail.escalation' : 'audit.detail.reminder', {
            who: text(n.id) ?? '',
            kind: n.kind === 'task' ? t('audit.detail.kindTask') : t('audit.detail.kindTraining'),
            n: Number(n.number) || 1,
          }),
        );
      if (Array.isArray(d.roles) && entry.action.startsWith('approval-'))
        push(t('audit.detail.roles', { roles: format.list(d.roles.map(String)) }));
      const evaluation = record(d.evaluation ?? d.review);
      for (const k of list(evaluation.kpis))
        push(
          t('audit.detail.kpiResult', {
            kpi: text(k.kpi) ?? '',
            observed: format.number(typeof k.observed === 'number' ? k.observed : null),
            samples: Number(k.samples) || 0,
            verdict:
              k.verdict === 'met' || k.verdict === 'not-met' || k.verdict === 'inconclusive'
                ? t(`verdict.${k.verdict}`)
                : '',
          }),
        );
      const next = record(d.next);
      if (typeof next.phase === 'string' && typeof next.cycle === 'number')
        push(
          t('audit.detail.next', { phase: t(`phase.${next.phase}` as 'phase.Planning'), cycle: next.cycle }),
        );
      if (entry.action === 'evaluation-window-opened' || entry.action.endsWith('-extended'))
        say(d.endsAt, (v) => t('audit.detail.until', { when: format.dateTime(v, { seconds: true }) }));
      if (entry.action === 'set-closure' && isOneOf(CLOSURE_CODES, d.code))
        push(t('audit.detail.closureCode', { code: t(`closureCode.${d.code}`) }));
      if (entry.action === 'set-closure' && isOneOf(BENEFIT_CATEGORIES, d.achievedBenefit))
        push(t('audit.detail.achievedBenefit', { benefit: t(`benefitCategory.${d.achievedBenefit}`) }));
      if (entry.action === 'cancel' && isOutcome(d.outcome))
        push(t('audit.detail.outcome', { outcome: t(`closedOutcome.${d.outcome}`) }));
      return lines;
    },
    [t, i18n, format],
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InitiativeState, MeasureKind } from '../../api/types';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/field-paths';
import { useIntendedAction } from '../../ui/use-intended-action';
import { useActingFor } from '../acting-for';
import { commands, refreshAfterCommand } from '../commands';
import {
  draftOf,
  emptyMeasure,
  emptyTask,
  emptyTrainee,
  MEASURE_KINDS,
  type PlanDraft,
  planFieldOf,
  planOf,
  type PlanProblems,
  suggestTaskId,
} from '../plan-draft';

interface PlanFormProps {
  initiativeId: string;
  state: InitiativeState;
}

/** Submit the cycle's plan, or rework the version that was rejected (its rows filled in). */
export function PlanForm({ initiativeId, state }: PlanFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const department = state.definition.department;
  const rework = state.plan && state.plan.cycle === state.cycle ? state.plan : null;
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(rework, department));
  const [problems, setProblems] = useState<PlanProblems>({});
  const onBehalfOf = useActingFor();
  const submit = useIntendedAction({
    run: (plan: Parameters<typeof commands.submitPlan>[1], key) =>
      commands.submitPlan(initiativeId, plan, key, onBehalfOf),
    onSuccess: async (next) => {
      announce(t('plan.submitted', { version: next.plan?.version ?? 1, title: state.definition.title }));
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  const server = fieldErrorsOf(submit.error, planFieldOf);
  const errorAt = (field: string): string | null => {
    const problem = problems[field];
    return problem ? t(`plan.problem.${problem}`) : (server.fields[field] ?? null);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = planOf(draft);
    setProblems(result.problems ?? {});
    if (result.plan) submit.submit(result.plan);
  };
  const update = <K extends keyof PlanDraft>(list: K, index: number, patch: Partial<PlanDraft[K][number]>) =>
    setDraft((d) => ({ ...d, [list]: d[list].map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
  const remove = (list: keyof PlanDraft, index: number) =>
    setDraft((d) => ({ ...d, [list]: d[list].filter((_, i) => i !== index) }));
  const problemCount = Object.keys(problems).length;

  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>
        {rework
          ? t('plan.reworkTitle', { version: rework.version })
          : t('plan.newTitle', { cycle: state.cycle })}
      </h3>
      {rework && state.lastRejection && state.lastRejection.planVersion === rework.version && (
        <div className="notice notice-warning">
          <p>{t('plan.rejectedBy', { role: state.lastRejection.role, by: state.lastRejection.by })}</p>
          <blockquote className="user-text">{state.lastRejection.reason}</blockquote>
        </div>
      )}
      {!rework && state.findings && (
        <div className="notice notice-info">
          <p>{t('plan.findings', { cycle: state.findings.cycle })}</p>
          <ul>
            {state.findings.kpis.map((k) => (
              <li key={k.kpi}>
                {t('plan.finding', {
                  kpi: k.kpi,
                  observed: k.observed ?? '—',
                  target: k.target ?? '—',
                  verdict: t(`verdict.${k.verdict}`),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="plan-form">
        {problemCount > 0 && (
          <p className="notice notice-error" role="alert">
            {t('form.problems', { count: problemCount })}
          </p>
        )}
        <fieldset>
          <legend>{t('plan.measures')}</legend>
          {errorAt('measures') && <p className="field-error">{errorAt('measures')}</p>}
          {draft.measures.map((row, i) => (
            <fieldset key={row.key} className="row-group">
              <legend className="row-legend">{t('plan.measureN', { n: i + 1 })}</legend>
              <Field label={t('plan.measureTitle')} error={errorAt(`measures.${i}.title`)} className="grow">
                {(props) => (
                  <input
                    {...props}
                    maxLength={200}
                    value={row.title}
                    onChange={(e) => update('measures', i, { title: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('plan.kind')}>
                {(props) => (
                  <select
                    {...props}
                    value={row.kind}
                    onChange={(e) => update('measures', i, { kind: e.target.value as MeasureKind })}
                  >
                    {MEASURE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`measureKind.${kind}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('plan.department')} error={errorAt(`measures.${i}.department`)}>
                {(props) => (
                  <input
                    {...props}
                    maxLength={100}
                    value={row.department}
                    onChange={(e) => update('measures', i, { department: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button-quiet remove"
                onClick={() => remove('measures', i)}
                disabled={draft.measures.length === 1}
              >
                {t('plan.removeMeasure', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setDraft((d) => ({ ...d, measures: [...d.measures, emptyMeasure(department)] }))}
          >
            {t('plan.addMeasure')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('plan.tasks')}</legend>
          <p className="hint">{t('plan.tasksHint')}</p>
          {draft.tasks.map((row, i) => (
            <fieldset key={row.key} className="row-group">
              <legend className="row-legend">{t('plan.taskN', { n: i + 1 })}</legend>
              <Field label={t('plan.taskTitle')} error={errorAt(`tasks.${i}.title`)} className="grow">
                {(props) => (
                  <input
                    {...props}
                    maxLength={200}
                    value={row.title}
                    onChange={(e) => update('tasks', i, { title: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('plan.taskId')} hint={t('plan.taskIdHint')} error={errorAt(`tasks.${i}.id`)}>
                {(props) => (
                  <input
                    {...props}
                    maxLength={63}
                    spellCheck={false}
                    value={row.id}
                    placeholder={suggestTaskId(row.title)}
                    onChange={(e) => update('tasks', i, { id: e.target.value.trim() })}
                  />
                )}
              </Field>
              <Field label={t('plan.department')} error={errorAt(`tasks.${i}.department`)}>
                {(props) => (
                  <input
                    {...props}
                    maxLength={100}
                    value={row.department}
                    onChange={(e) => update('tasks', i, { department: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('plan.due')} error={errorAt(`tasks.${i}.due`)}>
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={row.due}
                    onChange={(e) => update('tasks', i, { due: e.target.value })}
                  />
                )}
              </Field>
              <button type="button" className="button button-quiet remove" onClick={() => remove('tasks', i)}>
                {t('plan.removeTask', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setDraft((d) => ({ ...d, tasks: [...d.tasks, emptyTask()] }))}
          >
            {t('plan.addTask')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('plan.trainees')}</legend>
          <p className="hint">{t('plan.traineesHint')}</p>
          {draft.trainees.map((row, i) => (
            <fieldset key={row.key} className="row-group">
              <legend className="row-legend">{t('plan.traineeN', { n: i + 1 })}</legend>
              <Field label={t('plan.person')} error={errorAt(`trainees.${i}.person`)} className="grow">
                {(props) => (
                  <input
                    {...props}
                    maxLength={100}
                    value={row.person}
                    onChange={(e) => update('trainees', i, { person: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('plan.department')} error={errorAt(`trainees.${i}.department`)}>
                {(props) => (
                  <input
                    {...props}
                    maxLength={100}
                    value={row.department}
                    onChange={(e) => update('trainees', i, { department: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('plan.due')} error={errorAt(`trainees.${i}.due`)}>
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={row.due}
                    onChange={(e) => update('trainees', i, { due: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button-quiet remove"
                onClick={() => remove('trainees', i)}
              >
                {t('plan.removeTrainee', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setDraft((d) => ({ ...d, trainees: [...d.trainees, emptyTrainee(department)] }))}
          >
            {t('plan.addTrainee')}
          </button>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={submit.isPending}>
            {submit.isPending ? t('common.sending') : rework ? t('plan.submitRework') : t('plan.submit')}
          </button>
        </div>
        {submit.error && <ErrorNotice error={submit.error} />}
      </form>
    </section>
  );
}

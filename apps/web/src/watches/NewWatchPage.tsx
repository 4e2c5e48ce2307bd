import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateWatch } from '../api/types';
import { useSession } from '../auth/session';
import { PulledSourceFields } from '../data-sources/PulledSourceFields';
import { DurationField } from '../new-initiative/DurationField';
import type { DurationInput } from '../new-initiative/durations';
import { AGGREGATES, DIRECTIONS } from '../new-initiative/form-model';
import { useAnnounce } from '../ui/Announcer';
import { namedFields } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { FormProblems } from '../ui/FormProblems';
import { SendOrCancel } from '../ui/SendOrCancel';
import { useCheckedSubmit } from '../ui/use-checked-submit';
import { useDocumentTitle } from '../ui/use-document-title';
import { useIntendedAction } from '../ui/use-intended-action';
import { watchCommands } from './commands';
import { mayCreateWatchesQuery, watchKeys } from './queries';
import {
  defaultWatchForm,
  toCreateWatchBody,
  WATCH_RULE_KINDS,
  WATCH_SOURCE_KINDS,
  type WatchField,
  type WatchForm,
  watchFieldOf,
} from './watch-form';

type TextField = 'id' | 'title' | 'service' | 'department' | 'kpiName' | 'unit';
type NumberField = 'threshold' | 'alpha' | 'minChangePercent' | 'minSamples' | 'consecutiveChecks';
type DurationName = 'recentPeriod' | 'baselinePeriod' | 'checkInterval';

function NewWatchForm() {
  const { t } = useTranslation();
  const person = useSession()?.person;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [form, setForm] = useState<WatchForm>(() => defaultWatchForm(person?.departments));
  const create = useIntendedAction({
    run: (body: CreateWatch, key) => watchCommands.create(body, key),
    onSuccess: async (detail) => {
      announce(t('newWatch.created', { title: detail.watch.title }));
      queryClient.setQueryData(watchKeys.detail(detail.watch.id), detail);
      await queryClient.invalidateQueries({ queryKey: watchKeys.lists });
      await navigate({ to: '/watches/$id', params: { id: detail.watch.id } });
    },
  });
  const { problems, submit, fixed } = useCheckedSubmit(() => toCreateWatchBody(form), create.submit);
  const server = fieldErrorsOf(create.error, watchFieldOf);
  const errorAt = (name: WatchField): string | null => {
    const local = problems[name];
    if (local) return t(`newWatch.problem.${local.problem}`, { min: local.min ?? 0, max: local.max ?? 0 });
    return server.fields[name] ?? null;
  };
  const set = <K extends WatchField>(name: K, value: WatchForm[K]) => {
    setForm((f) => ({ ...f, [name]: value }));
    fixed(name);
  };

  const field = namedFields((name: WatchField) => t(`newWatch.field.${name}`), errorAt);
  const text = (name: TextField, options: { hint?: string; optional?: boolean; max?: number } = {}) =>
    field(
      name,
      (props) => (
        <input
          {...props}
          value={form[name]}
          maxLength={options.max ?? 100}
          required={!options.optional}
          spellCheck={name === 'title'}
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      options,
    );
  const number = (name: NumberField, options: { hint?: string; whole?: boolean } = {}) =>
    field(
      name,
      (props) => (
        <input
          {...props}
          type="number"
          inputMode={options.whole ? 'numeric' : 'decimal'}
          step={options.whole ? 1 : 'any'}
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      options,
    );
  const duration = (name: DurationName, hint?: string) => (
    <DurationField
      label={t(`newWatch.field.${name}`)}
      hint={hint}
      value={form[name]}
      error={errorAt(name)}
      onChange={(v: DurationInput) => set(name, v)}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="new-watch">
      <FormProblems
        problems={problems}
        fields={server.fields}
        other={server.other}
        error={create.error}
        forbiddenTitle={t('newWatch.forbidden')}
      />

      <fieldset className="card">
        <legend>{t('newWatch.what')}</legend>
        <div className="form-grid two">
          <div className="span-all">{text('title', { hint: t('newWatch.hint.title'), max: 200 })}</div>
          {text('service', { hint: t('newWatch.hint.service') })}
          {text('department', { hint: t('newWatch.hint.department') })}
          {text('id', { hint: t('newWatch.hint.id'), optional: true, max: 40 })}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('newWatch.kpi')}</legend>
        <div className="form-grid two">
          {text('kpiName', { hint: t('newWatch.hint.kpiName') })}
          {text('unit', { max: 40 })}
          {field('direction', (props) => (
            <select
              {...props}
              value={form.direction}
              onChange={(e) => set('direction', e.target.value as WatchForm['direction'])}
            >
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`direction.${d}`)}
                </option>
              ))}
            </select>
          ))}
          {field('aggregate', (props) => (
            <select
              {...props}
              value={form.aggregate}
              onChange={(e) => set('aggregate', e.target.value as WatchForm['aggregate'])}
            >
              {AGGREGATES.map((a) => (
                <option key={a} value={a}>
                  {t(`aggregate.${a}`)}
                </option>
              ))}
            </select>
          ))}
          {field(
            'sourceKind',
            (props) => (
              <select
                {...props}
                value={form.sourceKind}
                onChange={(e) => set('sourceKind', e.target.value as WatchForm['sourceKind'])}
              >
                {WATCH_SOURCE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`newWatch.source.${kind}`)}
                  </option>
                ))}
              </select>
            ),
            {
              hint: form.sourceKind === 'push' ? t('newWatch.hint.pushed') : undefined,
              className: 'span-all',
            },
          )}
          {form.sourceKind !== 'push' && (
            <PulledSourceFields
              kind={form.sourceKind}
              source={form}
              onChange={set}
              label={(name) => t(`newWatch.field.${name}`)}
              errorAt={errorAt}
              queryClassName="span-all"
              counters={{ maxLength: 2000, required: true }}
            />
          )}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('newWatch.rule')}</legend>
        <fieldset className="inline-choices">
          <legend>{t('newWatch.field.ruleKind')}</legend>
          {WATCH_RULE_KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="rule-kind"
                value={kind}
                checked={form.ruleKind === kind}
                onChange={() => set('ruleKind', kind)}
              />{' '}
              {t(`newWatch.ruleKind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-grid two">
          {form.ruleKind === 'threshold' ? (
            number('threshold', { hint: t(`newWatch.hint.threshold.${form.direction}`) })
          ) : (
            <>
              {number('alpha', { hint: t('newWatch.hint.alpha') })}
              {number('minChangePercent', { hint: t('newWatch.hint.minChangePercent') })}
            </>
          )}
          {duration('recentPeriod', t('newWatch.hint.recentPeriod'))}
          {form.ruleKind === 'degradation' && duration('baselinePeriod', t('newWatch.hint.baselinePeriod'))}
          {number('minSamples', { hint: t('newWatch.hint.minSamples'), whole: true })}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('newWatch.checking')}</legend>
        <div className="form-grid two">
          {duration('checkInterval', t('newWatch.hint.checkInterval'))}
          {number('consecutiveChecks', { hint: t('newWatch.hint.consecutiveChecks'), whole: true })}
        </div>
      </fieldset>

      <SendOrCancel pending={create.isPending} sendLabel={t('newWatch.create')} cancelTo="/watches" />
    </form>
  );
}

/** The new-watch page, for who may manage watches (the gateway still decides per department). */
export function NewWatchPage() {
  const { t } = useTranslation();
  const mayCreate = useQuery(mayCreateWatchesQuery());
  useDocumentTitle(t('newWatch.title'));
  return (
    <>
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/opportunities">{t('nav.opportunities')}</Link> /{' '}
          <Link to="/watches">{t('watches.title')}</Link>
        </p>
        <h1>{t('newWatch.title')}</h1>
        <p className="lead">{t('newWatch.lead')}</p>
      </div>
      {mayCreate.data === undefined ? null : mayCreate.data ? (
        <NewWatchForm />
      ) : (
        <div className="narrow">
          <p className="notice notice-info">{t('newWatch.notAllowed')}</p>
          <Link to="/watches">{t('watch.back')}</Link>
        </div>
      )}
    </>
  );
}

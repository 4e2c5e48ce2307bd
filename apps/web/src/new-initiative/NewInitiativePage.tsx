import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, intent, unwrap } from '../api/client';
import type { CreateInitiative, InitiativeDraft } from '../api/types';
import { holdsRole, useSession } from '../auth/session';
import { PulledSourceFields } from '../data-sources/PulledSourceFields';
import { draftQuery, opportunityKeys } from '../opportunities/queries';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { FormProblems } from '../ui/FormProblems';
import { SendOrCancel } from '../ui/SendOrCancel';
import { useCheckedSubmit } from '../ui/use-checked-submit';
import { useDocumentTitle } from '../ui/use-document-title';
import { useIntendedAction } from '../ui/use-intended-action';
import { DurationField } from './DurationField';
import {
  AGGREGATES,
  APPROVAL_MODES,
  defaultForm,
  DIRECTIONS,
  emptyKpi,
  formFromDraft,
  formFieldOf,
  type InitiativeForm,
  type KpiRow,
  pullsData,
  SOURCE_KINDS,
  toCreateBody,
} from './form-model';

const route = getRouteApi('/signed-in/new');

/** The new-initiative page; from an opportunity (`?fromOpportunity=`), filled in from its draft. */
export function NewInitiativePage() {
  const { t } = useTranslation();
  const person = useSession()?.person;
  const { fromOpportunity } = route.useSearch();
  const draft = useQuery({ ...draftQuery(fromOpportunity ?? ''), enabled: !!fromOpportunity });
  useDocumentTitle(t('newInitiative.title'));
  if (!fromOpportunity) return <NewInitiativeForm initial={defaultForm(person?.departments)} draft={null} />;
  if (draft.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (draft.error)
    return (
      <div className="narrow">
        <h1>{t('newInitiative.title')}</h1>
        <ErrorNotice error={draft.error} title={t('newInitiative.draftFailed')} />
        <Link to="/opportunities/$id" params={{ id: fromOpportunity }}>
          {fromOpportunity}
        </Link>
      </div>
    );
  return (
    <NewInitiativeForm
      key={draft.data.opportunityId}
      initial={formFromDraft(draft.data, person?.departments)}
      draft={draft.data}
    />
  );
}

function NewInitiativeForm({ initial, draft }: { initial: InitiativeForm; draft: InitiativeDraft | null }) {
  const { t } = useTranslation();
  const person = useSession()?.person;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [form, setForm] = useState<InitiativeForm>(() => initial);

  const create = useIntendedAction({
    run: (body: CreateInitiative, key) => unwrap(api.POST('/initiatives', { params: intent(key), body })),
    onSuccess: async (state) => {
      announce(t('newInitiative.created', { title: state.definition.title }));
      await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
      if (draft) {
        await queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(draft.opportunityId) });
        await queryClient.invalidateQueries({ queryKey: opportunityKeys.lists });
      }
      await navigate({ to: '/initiatives/$id', params: { id: state.definition.id } });
    },
  });
  const { problems, submit } = useCheckedSubmit(() => toCreateBody(form), create.submit);
  const server = fieldErrorsOf(create.error, formFieldOf);

  const errorAt = (field: string): string | null => {
    const local = problems[field];
    if (local)
      return t(`newInitiative.problem.${local.problem}`, { min: local.min ?? 0, max: local.max ?? 0 });
    return server.fields[field] ?? null;
  };
  const set = <K extends keyof InitiativeForm>(name: K, value: InitiativeForm[K]) =>
    setForm((f) => ({ ...f, [name]: value }));
  const setKpi = (index: number, patch: Partial<KpiRow>) =>
    setForm((f) => ({ ...f, kpis: f.kpis.map((k, i) => (i === index ? { ...k, ...patch } : k)) }));

  if (!holdsRole(person, 'improvement-manager')) {
    return (
      <div className="narrow">
        <h1>{t('newInitiative.title')}</h1>
        <p className="notice notice-info">{t('newInitiative.notAllowed')}</p>
        <Link to="/">{t('notFound.back')}</Link>
      </div>
    );
  }

  const text = (
    name: 'id' | 'title' | 'service' | 'department' | 'owner',
    label: string,
    hint?: string,
    required = true,
  ) => (
    <Field label={label} optional={!required} hint={hint} error={errorAt(name)}>
      {(props) => (
        <input
          {...props}
          value={form[name]}
          maxLength={name === 'title' ? 200 : 100}
          required={required}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );
  const count = (
    name:
      | 'maxReminders'
      | 'minSamples'
      | 'maxCycles'
      | 'followUpsToComplete'
      | 'implementationMaxReminders'
      | 'quorum',
    field: string,
    label: string,
  ) => (
    <Field label={label} error={errorAt(field)}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="numeric"
          min={0}
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <div className="page-header">
        <h1>{t('newInitiative.title')}</h1>
        <p className="lead">{t('newInitiative.lead')}</p>
      </div>
      {draft && (
        <section className="notice notice-info" aria-labelledby="from-opportunity-heading">
          <h2 id="from-opportunity-heading" className="notice-title">
            {t('newInitiative.fromOpportunityTitle')}{' '}
            <Link to="/opportunities/$id" params={{ id: draft.opportunityId }}>
              {draft.opportunityId}
            </Link>
          </h2>
          <p>{t('newInitiative.fromOpportunityLead', { title: draft.title })}</p>
          <p className="user-text small">{draft.description}</p>
        </section>
      )}
      <form onSubmit={submit} noValidate className="new-initiative">
        <FormProblems
          problems={problems}
          fields={server.fields}
          other={server.other}
          error={create.error}
          forbiddenTitle={t('newInitiative.forbidden')}
        />

        <fieldset className="card">
          <legend>{t('newInitiative.what')}</legend>
          <div className="form-grid two">
            {text('title', t('newInitiative.field.title'))}
            {text('service', t('newInitiative.field.service'), t('newInitiative.hint.service'))}
            {text('department', t('newInitiative.field.department'), t('newInitiative.hint.department'))}
            {text('owner', t('newInitiative.field.owner'), t('newInitiative.hint.owner'), false)}
            {text('id', t('newInitiative.field.id'), t('newInitiative.hint.id'), false)}
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('newInitiative.kpis')}</legend>
          <p className="hint">{t('newInitiative.hint.kpiName')}</p>
          {errorAt('kpis') && <p className="field-error">{errorAt('kpis')}</p>}
          {form.kpis.map((kpi, i) => (
            <fieldset key={kpi.key} className="row-group kpi-row">
              <legend className="row-legend">{t('newInitiative.kpiN', { n: i + 1 })}</legend>
              {kpi.why && <p className="hint kpi-why">{t('newInitiative.kpiWhy', { why: kpi.why })}</p>}
              <Field label={t('newInitiative.field.kpiName')} error={errorAt(`kpis.${i}.name`)}>
                {(props) => (
                  <input
                    {...props}
                    value={kpi.name}
                    spellCheck={false}
                    onChange={(e) => setKpi(i, { name: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('newInitiative.field.unit')} error={errorAt(`kpis.${i}.unit`)}>
                {(props) => (
                  <input
                    {...props}
                    value={kpi.unit}
                    maxLength={40}
                    onChange={(e) => setKpi(i, { unit: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('newInitiative.field.direction')} error={errorAt(`kpis.${i}.direction`)}>
                {(props) => (
                  <select
                    {...props}
                    value={kpi.direction}
                    onChange={(e) => setKpi(i, { direction: e.target.value as KpiRow['direction'] })}
                  >
                    {DIRECTIONS.map((d) => (
                      <option key={d} value={d}>
                        {t(`direction.${d}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('newInitiative.field.aggregate')} error={errorAt(`kpis.${i}.aggregate`)}>
                {(props) => (
                  <select
                    {...props}
                    value={kpi.aggregate}
                    onChange={(e) => setKpi(i, { aggregate: e.target.value as KpiRow['aggregate'] })}
                  >
                    {AGGREGATES.map((a) => (
                      <option key={a} value={a}>
                        {t(`aggregate.${a}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('newInitiative.field.targetKind')}>
                {(props) => (
                  <select
                    {...props}
                    value={kpi.targetKind}
                    onChange={(e) => setKpi(i, { targetKind: e.target.value as KpiRow['targetKind'] })}
                  >
                    <option value="absolute">{t('newInitiative.targetAbsolute')}</option>
                    <option value="relative">{t('newInitiative.targetRelative')}</option>
                  </select>
                )}
              </Field>
              <Field
                label={
                  kpi.targetKind === 'absolute'
                    ? t('newInitiative.field.targetValue')
                    : t('newInitiative.field.targetPercent')
                }
                error={errorAt(`kpis.${i}.target`)}
              >
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="decimal"
                    step="any"
                    value={kpi.target}
                    onChange={(e) => setKpi(i, { target: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('newInitiative.field.sourceKind')} error={errorAt(`kpis.${i}.sourceKind`)}>
                {(props) => (
                  <select
                    {...props}
                    value={kpi.sourceKind}
                    onChange={(e) => setKpi(i, { sourceKind: e.target.value as KpiRow['sourceKind'] })}
                  >
                    {SOURCE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`newInitiative.source.${kind}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {(kpi.sourceKind === 'threshold' || kpi.sourceKind === 'ratio') && (
                <PulledSourceFields
                  kind={kpi.sourceKind}
                  source={kpi}
                  onChange={(name, value) => setKpi(i, { [name]: value })}
                  label={(name) => t(`newInitiative.field.${name}`)}
                  errorAt={(name) => errorAt(`kpis.${i}.${name}`)}
                />
              )}
              <button
                type="button"
                className="button button-quiet remove"
                disabled={form.kpis.length === 1}
                onClick={() => setForm((f) => ({ ...f, kpis: f.kpis.filter((_, j) => j !== i) }))}
              >
                {t('newInitiative.removeKpi', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setForm((f) => ({ ...f, kpis: [...f.kpis, emptyKpi()] }))}
          >
            {t('newInitiative.addKpi')}
          </button>
        </fieldset>

        <fieldset className="card">
          <legend>{t('newInitiative.approvals')}</legend>
          <div className="form-grid two">
            <Field
              label={t('newInitiative.field.approvalRoles')}
              hint={t('newInitiative.hint.list')}
              error={errorAt('policy.approval.roles')}
            >
              {(props) => (
                <input
                  {...props}
                  value={form.approvalRoles}
                  onChange={(e) => set('approvalRoles', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('newInitiative.field.approvalMode')} error={errorAt('policy.approval.mode')}>
              {(props) => (
                <select
                  {...props}
                  value={form.approvalMode}
                  onChange={(e) => set('approvalMode', e.target.value as InitiativeForm['approvalMode'])}
                >
                  {APPROVAL_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`policy.mode.${mode}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {form.approvalMode === 'quorum' &&
              count('quorum', 'policy.approval.quorum', t('newInitiative.field.quorum'))}
            <DurationField
              label={t('newInitiative.field.reminderInterval')}
              value={form.reminderInterval}
              error={errorAt('policy.approval.reminderInterval')}
              onChange={(v) => set('reminderInterval', v)}
            />
            {count('maxReminders', 'policy.approval.maxReminders', t('newInitiative.field.maxReminders'))}
            <Field
              label={t('newInitiative.field.escalateTo')}
              hint={t('newInitiative.hint.escalateTo')}
              error={errorAt('policy.approval.escalateTo')}
            >
              {(props) => (
                <input
                  {...props}
                  value={form.escalateTo}
                  onChange={(e) => set('escalateTo', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('newInitiative.field.managerRoles')}
              hint={t('newInitiative.hint.list')}
              error={errorAt('policy.managerRoles')}
            >
              {(props) => (
                <input
                  {...props}
                  value={form.managerRoles}
                  onChange={(e) => set('managerRoles', e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('newInitiative.measuring')}</legend>
          <div className="form-grid two">
            <DurationField
              label={t('newInitiative.field.assessmentPeriod')}
              hint={t('newInitiative.hint.assessmentPeriod')}
              value={form.assessmentPeriod}
              error={errorAt('policy.assessmentPeriod')}
              onChange={(v) => set('assessmentPeriod', v)}
            />
            <DurationField
              label={t('newInitiative.field.evaluationWindow')}
              value={form.evaluationWindow}
              error={errorAt('policy.evaluationWindow')}
              onChange={(v) => set('evaluationWindow', v)}
            />
            {count('minSamples', 'policy.minSamples', t('newInitiative.field.minSamples'))}
            {count('maxCycles', 'policy.maxCycles', t('newInitiative.field.maxCycles'))}
            <DurationField
              label={t('newInitiative.field.followUpInterval')}
              value={form.followUpInterval}
              error={errorAt('policy.followUpInterval')}
              onChange={(v) => set('followUpInterval', v)}
            />
            {count(
              'followUpsToComplete',
              'policy.followUpsToComplete',
              t('newInitiative.field.followUpsToComplete'),
            )}
            <DurationField
              label={t('newInitiative.field.implementationReminderInterval')}
              value={form.implementationReminderInterval}
              error={errorAt('policy.implementationReminderInterval')}
              onChange={(v) => set('implementationReminderInterval', v)}
            />
            {count(
              'implementationMaxReminders',
              'policy.implementationMaxReminders',
              t('newInitiative.field.implementationMaxReminders'),
            )}
            {pullsData(form) && (
              <DurationField
                label={t('newInitiative.field.collectionPatience')}
                hint={t('newInitiative.hint.collectionPatience')}
                value={form.collectionPatience}
                error={errorAt('policy.collectionPatience')}
                onChange={(v) => set('collectionPatience', v)}
              />
            )}
          </div>
        </fieldset>

        <SendOrCancel pending={create.isPending} sendLabel={t('newInitiative.create')} cancelTo="/" />
      </form>
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaiseOpportunity } from '../api/types';
import { useSession } from '../auth/session';
import { useAnnounce } from '../ui/Announcer';
import { namedFields } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { FormProblems } from '../ui/FormProblems';
import { SendOrCancel } from '../ui/SendOrCancel';
import { useCheckedSubmit } from '../ui/use-checked-submit';
import { useDebounced } from '../ui/use-debounced';
import { useDocumentTitle } from '../ui/use-document-title';
import { useIntendedAction } from '../ui/use-intended-action';
import { opportunityCommands, showAnswer } from './commands';
import { similarQuery } from './queries';
import { type RaiseField, type RaiseForm, raiseFieldOf, raiseFormOf, toRaiseBody } from './raise-form';
import { RAISE_LIMITS, type RaisePrefill } from './raise-link';
import { SimilarOpportunities } from './SimilarOpportunities';
import { BENEFIT_CATEGORIES, BENEFIT_LEVELS, EFFORT_SIZES, ORIGINS, RISK_LEVELS } from './vocabulary';

const route = getRouteApi('/signed-in/opportunities/new');

/** How long the title must rest before the similar ones are looked up. */
const SIMILAR_DEBOUNCE_MS = 350;
/** Shorter titles say too little to compare. */
const SIMILAR_MIN_TITLE = 3;

/** Open ones of the service whose titles look like the one being typed, offered first. */
function SimilarWhileTyping({ service, title }: { service: string; title: string }) {
  const { t } = useTranslation();
  const settledService = useDebounced(service.trim(), SIMILAR_DEBOUNCE_MS);
  const settledTitle = useDebounced(title.trim(), SIMILAR_DEBOUNCE_MS);
  const enough = settledTitle.length >= SIMILAR_MIN_TITLE;
  const similar = useQuery(similarQuery(enough ? settledService : '', enough ? settledTitle : ''));
  const items = similar.data?.items ?? [];
  return (
    <div aria-live="polite" className="similar-while-typing">
      {items.length > 0 && (
        <section aria-labelledby="similar-heading" className="notice notice-info similar">
          <h2 id="similar-heading" className="notice-title">
            {t('raise.similarTitle')}
          </h2>
          <p>{t('raise.similarLead')}</p>
          <SimilarOpportunities items={items} offerSupport />
        </section>
      )}
    </div>
  );
}

function RaiseFormView({ prefill }: { prefill: RaisePrefill }) {
  const { t } = useTranslation();
  const person = useSession()?.person;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [form, setForm] = useState<RaiseForm>(() => raiseFormOf(prefill, person?.departments));
  const raise = useIntendedAction({
    run: (body: RaiseOpportunity, key) => opportunityCommands.raise(body, key),
    onSuccess: async (answer) => {
      announce(t('raise.raised', { title: answer.title }));
      await showAnswer(queryClient, answer);
      await navigate({ to: '/opportunities/$id', params: { id: answer.id } });
    },
  });
  const { problems, submit, fixed } = useCheckedSubmit(() => toRaiseBody(form), raise.submit);
  const server = fieldErrorsOf(raise.error, raiseFieldOf);
  const errorAt = (name: RaiseField): string | null => {
    const local = problems[name];
    return local ? t(`raise.problem.${local}`) : (server.fields[name] ?? null);
  };
  const set = (name: RaiseField, value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    fixed(name);
  };

  const field = namedFields((name: RaiseField) => t(`raise.field.${name}`), errorAt);
  const text = (name: keyof typeof RAISE_LIMITS, options: { hint?: string; optional?: boolean } = {}) =>
    field(
      name,
      (props) => (
        <input
          {...props}
          value={form[name]}
          maxLength={RAISE_LIMITS[name]}
          required={!options.optional}
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      options,
    );
  const longText = (name: 'description' | 'benefitDescription', rows: number) =>
    field(
      name,
      (props) => (
        <textarea
          {...props}
          rows={rows}
          value={form[name]}
          maxLength={RAISE_LIMITS[name]}
          required
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      { className: 'span-all' },
    );
  const choice = (
    name: 'origin' | 'benefitCategory' | 'benefitLevel' | 'effort' | 'risk',
    values: readonly string[],
    hint?: string,
  ) =>
    field(
      name,
      (props) => (
        <select {...props} value={form[name]} required onChange={(e) => set(name, e.target.value)}>
          {name !== 'origin' && <option value="">{t('raise.choose')}</option>}
          {values.map((value) => (
            <option key={value} value={value}>
              {t(`${name}.${value}` as 'origin.idea')}
            </option>
          ))}
        </select>
      ),
      { hint },
    );

  return (
    <form onSubmit={submit} noValidate className="raise-form">
      <FormProblems problems={problems} fields={server.fields} error={raise.error} />

      <fieldset className="card">
        <legend>{t('raise.what')}</legend>
        <div className="form-grid two">
          {text('service', { hint: t('raise.hint.service') })}
          {text('department', { hint: t('raise.hint.department') })}
          <div className="span-all">{text('title', { hint: t('raise.hint.title') })}</div>
        </div>
        <SimilarWhileTyping service={form.service} title={form.title} />
        <div className="form-grid two">
          {longText('description', 4)}
          {choice('origin', ORIGINS)}
          {text('reference', { hint: t('raise.hint.reference'), optional: true })}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('raise.benefit')}</legend>
        <div className="form-grid two">
          {choice('benefitCategory', BENEFIT_CATEGORIES)}
          {choice('benefitLevel', BENEFIT_LEVELS)}
          {longText('benefitDescription', 2)}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('raise.size')}</legend>
        <div className="form-grid two">
          {choice('effort', EFFORT_SIZES, t('raise.hint.effort'))}
          {choice('risk', RISK_LEVELS)}
          <div className="span-all">
            {field(
              'objectives',
              (props) => (
                <input
                  {...props}
                  value={form.objectives}
                  onChange={(e) => set('objectives', e.target.value)}
                />
              ),
              { hint: t('raise.hint.objectives'), optional: true },
            )}
          </div>
        </div>
      </fieldset>

      <SendOrCancel pending={raise.isPending} sendLabel={t('raise.submit')} cancelTo="/opportunities" />
    </form>
  );
}

export function RaiseOpportunityPage() {
  const { t } = useTranslation();
  const prefill = route.useSearch();
  useDocumentTitle(t('raise.title'));
  return (
    <>
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/opportunities">{t('nav.opportunities')}</Link>
        </p>
        <h1>{t('raise.title')}</h1>
        <p className="lead">{t('raise.lead')}</p>
      </div>
      {/* A new link (another feedback comment, say) is a new form. */}
      <RaiseFormView key={JSON.stringify(prefill)} prefill={prefill} />
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignInConfig } from '../auth/sign-in-config';
import { useFormat } from '../i18n/format';
import { PhaseBadge } from '../ui/badges';
import { Deferred } from '../ui/Deferred';
import { PageQueryState } from '../ui/PageQueryState';
import { PageSection } from '../ui/PageSection';
import { useDocumentTitle } from '../ui/use-document-title';
import { ActingForNotice } from './ActingForNotice';
import { ActingForProvider } from './acting-for';
import { ActionsPanel } from './ActionsPanel';
import { AuditTrail } from './AuditTrail';
import { ClosurePanel } from './ClosurePanel';
import { CycleTimeline } from './CycleTimeline';
import { DataCollection } from './DataCollection';
import { DefinitionDetails } from './DefinitionDetails';
import { EvaluationTable } from './EvaluationTable';
import { KpiChart } from './KpiChart';
import { initiativeKeys, initiativeQuery } from './queries';
import { temporalWorkflowUrl } from './temporal-link';
import { WaitBanner } from './WaitBanner';

const route = getRouteApi('/signed-in/initiatives/$id');

export function InitiativePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = route.useParams();
  const onBehalfOf = route.useSearch().for;
  const query = useQuery(initiativeQuery(id, onBehalfOf));
  const config = useSignInConfig();
  useDocumentTitle(query.data?.state.definition.title ?? t('initiative.loadingTitle'));
  // The register moved on (someone acted, a window closed): its trail and series did too.
  const queryClient = useQueryClient();
  const updatedAt = query.data?.register.updatedAt;
  useEffect(() => {
    if (!updatedAt) return;
    for (const key of [initiativeKeys.audit(id), initiativeKeys.timeline(id), ['initiative', id, 'series']])
      void queryClient.invalidateQueries({ queryKey: key });
  }, [updatedAt, id, queryClient]);

  if (!query.isSuccess)
    return (
      <PageQueryState
        error={query.error}
        notFoundTitle={t('initiative.notFoundTitle')}
        notFoundBody={t('initiative.notFoundBody', { id })}
        errorTitle={t('initiative.errorTitle')}
        back={
          onBehalfOf ? (
            <Link to="/initiatives/$id" params={{ id }}>
              {t('actingFor.asYourself')}
            </Link>
          ) : (
            <Link to="/register">{t('initiative.backToRegister')}</Link>
          )
        }
      />
    );
  const initiative = query.data;
  const { state, register } = initiative;
  const { definition } = state;
  const temporal = config.data
    ? temporalWorkflowUrl(config.data.temporalUiUrl, config.data.temporalNamespace, register.workflowId)
    : null;

  // Opened for someone the reader stands in for: every read and command of the page is for them.
  return (
    <ActingForProvider person={onBehalfOf}>
      <div className="page-header initiative-header">
        <p className="eyebrow">
          <Link to="/register">{t('nav.register')}</Link> / <span className="row-id">{definition.id}</span>
        </p>
        <h1 className="user-text">{definition.title}</h1>
        <dl className="facts facts-inline">
          <div>
            <dt>{t('initiative.phase')}</dt>
            <dd>
              <PhaseBadge phase={state.phase} />{' '}
              <span className="muted small">
                {t('initiative.phaseSince', { when: format.dateTime(state.phaseSince, { seconds: true }) })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('initiative.cycle')}</dt>
            <dd>{t('initiative.cycleOf', { cycle: state.cycle, max: state.maxCycles })}</dd>
          </div>
          <div>
            <dt>{t('initiative.service')}</dt>
            <dd>
              {definition.service} ·{' '}
              <Link to="/services/$service/feedback" params={{ service: definition.service }}>
                {t('initiative.serviceFeedback')}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('initiative.department')}</dt>
            <dd>{definition.department}</dd>
          </div>
          <div>
            <dt>{t('initiative.owner')}</dt>
            <dd>{definition.owner}</dd>
          </div>
          {register.opportunityId && (
            <div>
              <dt>{t('initiative.fromOpportunity')}</dt>
              <dd>
                <Link to="/opportunities/$id" params={{ id: register.opportunityId }}>
                  {register.opportunityId}
                </Link>
              </dd>
            </div>
          )}
        </dl>
        {temporal && (
          <p>
            <a href={temporal} target="_blank" rel="noopener noreferrer">
              {t('initiative.temporalLink')}
              <span className="visually-hidden"> {t('common.newTab')}</span>
            </a>
          </p>
        )}
      </div>
      {onBehalfOf && <ActingForNotice initiativeId={id} person={onBehalfOf} />}
      <WaitBanner state={state} />
      {register.closure && (
        <PageSection id="closure" title={t('closure.title')}>
          <ClosurePanel
            initiativeId={id}
            title={definition.title}
            closure={register.closure}
            mayEdit={initiative.may.setClosure}
          />
        </PageSection>
      )}
      <PageSection id="actions" title={t('initiative.actionsTitle')}>
        <ActionsPanel initiative={initiative} />
      </PageSection>
      <PageSection id="kpis" title={t('initiative.kpisTitle')}>
        <div className="charts">
          {definition.kpis.map((kpi) => (
            <KpiChart key={kpi.name} initiative={initiative} kpi={kpi} />
          ))}
        </div>
        <DataCollection register={register} />
      </PageSection>
      {/* Below the fold: rendered right after the top of the page has been painted. */}
      <Deferred>
        <PageSection id="evaluations" title={t('initiative.evaluationsTitle')}>
          <EvaluationTable register={register} />
        </PageSection>
        <PageSection id="timeline" title={t('initiative.timelineTitle')}>
          <CycleTimeline initiativeId={id} register={register} />
        </PageSection>
        <PageSection id="definition" title={t('initiative.definitionTitle')}>
          <DefinitionDetails state={state} />
        </PageSection>
        <PageSection id="audit" title={t('initiative.auditTitle')}>
          <AuditTrail initiativeId={id} />
        </PageSection>
      </Deferred>
    </ActingForProvider>
  );
}

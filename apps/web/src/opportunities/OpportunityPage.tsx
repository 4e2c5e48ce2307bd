import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Opportunity, OpportunityResult } from '../api/types';
import { useFormat } from '../i18n/format';
import { ClosureCodeBadge, OpportunityStatusBadge, PhaseBadge, VerdictBadge } from '../ui/badges';
import { PageQueryState } from '../ui/PageQueryState';
import { PageSection } from '../ui/PageSection';
import { useDocumentTitle } from '../ui/use-document-title';
import { Comments } from './Comments';
import { OpportunityActions } from './OpportunityActions';
import { OpportunityTrail } from './OpportunityTrail';
import { opportunityQuery } from './queries';
import { ScorePartsTable } from './ScoreParts';
import { SimilarOpportunities } from './SimilarOpportunities';
import { BENEFIT_CATEGORIES, isOneOf } from './vocabulary';

const route = getRouteApi('/signed-in/opportunities/$id');

const VERDICTS = ['met', 'not-met', 'inconclusive', 'regression'] as const;

/** The initiative it became, and how that went: phase, last verdict, closure code, achieved benefit. */
function ResultPanel({ result }: { result: OpportunityResult }) {
  const { t } = useTranslation();
  const closed = result.phase === 'Closed';
  return (
    <div className="card result-card">
      <p className="strong">
        {result.visible && result.title !== null ? (
          <Link to="/initiatives/$id" params={{ id: result.initiativeId }} className="user-text">
            {result.title}
          </Link>
        ) : (
          <span className="muted">{t('opportunity.resultHidden')}</span>
        )}{' '}
        <span className="row-id">{result.initiativeId}</span>
      </p>
      <dl className="facts facts-inline">
        <div>
          <dt>{t('opportunity.resultPhase')}</dt>
          <dd>
            <PhaseBadge phase={result.phase} />
          </dd>
        </div>
        {result.visible && (
          <>
            <div>
              <dt>{t('opportunity.resultCycle')}</dt>
              <dd>{result.cycle}</dd>
            </div>
            <div>
              <dt>{t('opportunity.resultVerdict')}</dt>
              <dd>
                <VerdictBadge verdict={isOneOf(VERDICTS, result.lastVerdict) ? result.lastVerdict : null} />
              </dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('opportunity.resultClosure')}</dt>
          <dd>
            {closed || result.closureCode ? (
              <ClosureCodeBadge code={result.closureCode} />
            ) : (
              <span className="muted">{t('opportunity.notClosed')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('opportunity.resultBenefit')}</dt>
          <dd>
            {isOneOf(BENEFIT_CATEGORIES, result.achievedBenefit) ? (
              t(`benefitCategory.${result.achievedBenefit}`)
            ) : (
              <span className="muted">{t('opportunity.notStated')}</span>
            )}
          </dd>
        </div>
      </dl>
      {result.closureReason && (
        <p>
          <span className="muted">{t('opportunity.resultClosureReason')}</span>{' '}
          <q className="user-text">{result.closureReason}</q>
        </p>
      )}
    </div>
  );
}

function Header({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const o = opportunity;
  return (
    <div className="page-header opportunity-header">
      <p className="eyebrow">
        <Link to="/opportunities">{t('nav.opportunities')}</Link> / <span className="row-id">{o.id}</span>
      </p>
      <h1 className="user-text">{o.title}</h1>
      <dl className="facts facts-inline">
        <div>
          <dt>{t('opportunity.status')}</dt>
          <dd>
            <OpportunityStatusBadge status={o.status} />
          </dd>
        </div>
        <div>
          <dt>{t('opportunity.score')}</dt>
          <dd className="strong">{format.number(o.score.total)}</dd>
        </div>
        <div>
          <dt>{t('opportunity.supporters')}</dt>
          <dd>{format.number(o.supporters)}</dd>
        </div>
        <div>
          <dt>{t('opportunity.service')}</dt>
          <dd>{o.service}</dd>
        </div>
        <div>
          <dt>{t('opportunity.department')}</dt>
          <dd>{o.department}</dd>
        </div>
        <div>
          <dt>{t('opportunity.origin')}</dt>
          <dd>
            {t(`origin.${o.origin}`)}
            {o.reference && <span className="muted user-text"> · {o.reference}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('opportunity.raised')}</dt>
          <dd>{t('opportunity.raisedBy', { by: o.raisedBy, when: format.dateTime(o.createdAt) })}</dd>
        </div>
        <div>
          <dt>{t('opportunity.benefit')}</dt>
          <dd>
            {t('backlog.benefitValue', {
              category: t(`benefitCategory.${o.benefit.category}`),
              level: t(`benefitLevel.${o.benefit.level}`),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('opportunity.effortRisk')}</dt>
          <dd>{t('backlog.effortRisk', { effort: t(`effort.${o.effort}`), risk: t(`risk.${o.risk}`) })}</dd>
        </div>
        <div>
          <dt>{t('opportunity.objectives')}</dt>
          <dd className="user-text">
            {o.objectives.length > 0 ? (
              format.list(o.objectives)
            ) : (
              <span className="muted">{t('opportunity.noObjectives')}</span>
            )}
          </dd>
        </div>
      </dl>
      {o.triage && (
        <p className="triage-record">
          {t('opportunity.triaged', {
            status: t(`opportunityStatus.${o.status === 'promoted' ? 'accepted' : o.status}`),
            by: o.triage.by,
            when: format.dateTime(o.triage.at),
          })}
          {o.triage.reason && (
            <>
              {' '}
              <span className="muted">{t('opportunity.triageReason')}</span>{' '}
              <q className="user-text">{o.triage.reason}</q>
            </>
          )}
        </p>
      )}
      {o.watchId && (
        <p className="raised-by-watch">
          <Link to="/watches/$id" params={{ id: o.watchId }}>
            {t('opportunity.raisedByWatch', { id: o.watchId })}
          </Link>
        </p>
      )}
      {o.duplicateOf && (
        <p>
          {t('opportunity.duplicateOf')}{' '}
          <Link to="/opportunities/$id" params={{ id: o.duplicateOf }}>
            {o.duplicateOf}
          </Link>
        </p>
      )}
    </div>
  );
}

export function OpportunityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = route.useParams();
  const query = useQuery(opportunityQuery(id));
  useDocumentTitle(query.data?.title ?? t('opportunity.loadingTitle'));

  if (!query.isSuccess)
    return (
      <PageQueryState
        error={query.error}
        notFoundTitle={t('opportunity.notFoundTitle')}
        notFoundBody={t('opportunity.notFoundBody', { id })}
        errorTitle={t('opportunity.errorTitle')}
        back={<Link to="/opportunities">{t('opportunity.back')}</Link>}
      />
    );
  const o = query.data;
  return (
    <>
      <Header opportunity={o} />
      {o.result && (
        <PageSection id="initiative" title={t('opportunity.initiativeTitle')}>
          <ResultPanel result={o.result} />
        </PageSection>
      )}
      <div className="two-columns">
        <div>
          <PageSection id="description" title={t('opportunity.descriptionTitle')}>
            <p className="user-text">{o.description}</p>
          </PageSection>
          <PageSection id="benefit" title={t('opportunity.benefitTitle')}>
            <p className="user-text">{o.benefit.description}</p>
          </PageSection>
          <PageSection id="score" title={t('opportunity.scoreTitle')}>
            <div className="table-wrap score-wrap">
              <ScorePartsTable score={o.score} />
            </div>
          </PageSection>
        </div>
        <PageSection id="actions" title={t('opportunity.actionsTitle')}>
          <OpportunityActions opportunity={o} />
        </PageSection>
      </div>
      {o.similar.length > 0 && (
        <PageSection id="similar" title={t('opportunity.similarTitle')}>
          <SimilarOpportunities items={o.similar} offerSupport={false} />
        </PageSection>
      )}
      <PageSection id="supporters" title={t('opportunity.supportersTitle')}>
        {o.supportedBy.length === 0 ? (
          <p className="muted">{t('opportunity.noSupporters')}</p>
        ) : (
          <ul className="plain-list supporter-list">
            {o.supportedBy.map((s) => (
              <li key={s.person}>
                <span className="strong">{s.person}</span>{' '}
                <span className="muted small">{format.dateTime(s.supportedAt)}</span>
                {s.comment && <q className="user-text">{s.comment}</q>}
              </li>
            ))}
          </ul>
        )}
      </PageSection>
      <PageSection id="comments" title={t('opportunity.commentsTitle')}>
        <Comments opportunity={o} />
      </PageSection>
      <PageSection id="trail" title={t('opportunity.trailTitle')}>
        <OpportunityTrail events={o.events} />
      </PageSection>
    </>
  );
}

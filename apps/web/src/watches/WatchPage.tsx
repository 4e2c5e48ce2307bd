import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import type { WatchCheck, WatchDetail } from '../api/types';
import { useFormat } from '../i18n/format';
import { ScheduleBadge, WatchOutcomeBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { loadedItems, MoreButton } from '../ui/PagedList';
import { PageQueryState } from '../ui/PageQueryState';
import { PageSection } from '../ui/PageSection';
import { useDocumentTitle } from '../ui/use-document-title';
import { CheckChart } from './CheckChart';
import { ChecksTable } from './ChecksTable';
import { checksQuery, watchQuery } from './queries';
import { ScheduleControls } from './ScheduleControls';
import { useWatchText } from './watch-text';

const route = getRouteApi('/signed-in/watches/$id');

/** A watch id the API cannot read (400) names no watch either. */
const unknownWatch = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Header({ detail }: { detail: WatchDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { watch, schedule } = detail;
  return (
    <div className="page-header watch-header">
      <p className="eyebrow">
        <Link to="/opportunities">{t('nav.opportunities')}</Link> /{' '}
        <Link to="/watches">{t('watches.title')}</Link> / <span className="row-id">{watch.id}</span>
      </p>
      <h1 className="user-text">{watch.title}</h1>
      <dl className="facts facts-inline">
        <Fact term={t('watch.lastCheck')}>
          <WatchOutcomeBadge outcome={watch.lastOutcome} />
          {watch.lastCheckedAt && (
            <span className="muted small"> {format.dateTime(watch.lastCheckedAt)}</span>
          )}
        </Fact>
        <Fact term={t('watch.inARow')}>
          {t('watch.inARowValue', {
            breaches: format.number(watch.consecutiveBreaches),
            n: format.number(watch.definition.consecutiveChecks),
          })}
        </Fact>
        <Fact term={t('watch.schedule')}>
          <ScheduleBadge paused={schedule ? schedule.paused : null} />
        </Fact>
        <Fact term={t('watch.service')}>{watch.service}</Fact>
        <Fact term={t('watch.department')}>{watch.department}</Fact>
        <Fact term={t('watch.created')}>
          {t('watch.createdBy', { by: watch.createdBy, when: format.dateTime(watch.createdAt) })}
        </Fact>
      </dl>
    </div>
  );
}

/** The definition in words: the KPI and where it comes from, the rule, the periods, N, the interval. */
function Definition({ detail }: { detail: WatchDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useWatchText();
  const d = detail.watch.definition;
  return (
    <dl className="facts definition">
      <Fact term={t('watch.kpi')}>
        <span className="monospace">{d.kpi.name}</span> <span className="muted">({d.kpi.unit})</span>
        <span className="muted small block">
          {t(`direction.${d.kpi.direction}`)} · {t(`aggregate.${d.kpi.aggregate}`)}
        </span>
      </Fact>
      <Fact term={t('watch.source')}>
        <span className="user-text">{text.source(d.kpi)}</span>
      </Fact>
      <Fact term={t('watch.rule')}>{text.rule(d)}</Fact>
      <Fact term={t('watch.recentPeriod')}>{format.duration(d.recentPeriodMs)}</Fact>
      {d.rule.kind === 'degradation' && (
        <Fact term={t('watch.baselinePeriod')}>{format.duration(d.baselinePeriodMs)}</Fact>
      )}
      <Fact term={t('watch.minSamples')}>{t('watch.minSamplesValue', { count: d.minSamples })}</Fact>
      <Fact term={t('watch.raisesAfter')}>{t('watch.raisesAfterValue', { count: d.consecutiveChecks })}</Fact>
      <Fact term={t('watch.interval')}>
        {t('watch.intervalValue', { every: format.duration(d.checkIntervalMs) })}
      </Fact>
    </dl>
  );
}

function Schedule({ detail }: { detail: WatchDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { schedule, watch } = detail;
  if (!schedule) return <p className="notice notice-warning">{t('watch.scheduleMissing')}</p>;
  return (
    <>
      <dl className="facts">
        <Fact term={t('watch.scheduleState')}>
          <ScheduleBadge paused={schedule.paused} /> <span className="row-id">{schedule.scheduleId}</span>
        </Fact>
        {schedule.note && (
          <Fact term={t('watch.scheduleNote')}>
            <span className="user-text">{schedule.note}</span>
          </Fact>
        )}
        <Fact term={t('watch.nextRuns')}>
          {schedule.paused || schedule.nextRunTimes.length === 0 ? (
            <span className="muted">{t('watch.noNextRuns')}</span>
          ) : (
            <ul className="plain-list">
              {schedule.nextRunTimes.slice(0, 3).map((at) => (
                <li key={at}>
                  <time dateTime={at}>{format.dateTime(at)}</time>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term={t('watch.recentRuns')}>
          {schedule.recentRuns.length === 0 ? (
            <span className="muted">{t('watch.noRecentRuns')}</span>
          ) : (
            t('watch.recentRunsValue', {
              count: schedule.recentRuns.length,
              when: format.dateTime(schedule.recentRuns.at(-1)?.takenAt),
            })
          )}
        </Fact>
      </dl>
      {detail.may.manage && <ScheduleControls watch={watch} schedule={schedule} />}
    </>
  );
}

/** The opportunities the watch raised (the open one first), as far as the loaded checks tell. */
function Raised({ open, checks }: { open: string | null; checks: readonly WatchCheck[] }) {
  const { t } = useTranslation();
  const raised = checks.flatMap((c) => (c.act === 'raise' && c.opportunityId ? [c.opportunityId] : []));
  const ids = [...new Set([...(open ? [open] : []), ...raised])];
  if (ids.length === 0) return <p className="muted">{t('watch.noOpportunity')}</p>;
  return (
    <ul className="plain-list">
      {ids.map((id) => (
        <li key={id}>
          <Link to="/opportunities/$id" params={{ id }}>
            {id === open ? t('watch.openOpportunity', { id }) : t('watch.closedOpportunity', { id })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function WatchPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const query = useQuery(watchQuery(id));
  const checks = useInfiniteQuery(checksQuery(id));
  useDocumentTitle(query.data?.watch.title ?? t('watch.loadingTitle'));

  if (!query.isSuccess)
    return (
      <PageQueryState
        error={query.error}
        notFoundTitle={t('watch.notFoundTitle')}
        notFoundBody={t('watch.notFoundBody', { id })}
        errorTitle={t('watch.errorTitle')}
        back={<Link to="/watches">{t('watch.back')}</Link>}
        notFound={unknownWatch}
      />
    );
  const detail = query.data;
  const definition = detail.watch.definition;
  // The checks page when it has come, else the latest the watch's answer carries.
  const loaded = checks.data ? loadedItems(checks) : detail.lastChecks;
  return (
    <>
      <Header detail={detail} />
      {detail.watch.openOpportunityId && (
        <p className="notice notice-warning watch-raised">
          {t('watch.raisedNotice')}{' '}
          <Link to="/opportunities/$id" params={{ id: detail.watch.openOpportunityId }}>
            {detail.watch.openOpportunityId}
          </Link>
        </p>
      )}
      <div className="two-columns">
        <PageSection id="definition" title={t('watch.definitionTitle')}>
          <Definition detail={detail} />
        </PageSection>
        <PageSection id="schedule" title={t('watch.scheduleTitle')}>
          <Schedule detail={detail} />
        </PageSection>
      </div>
      <PageSection id="chart" title={t('watch.chartTitle')}>
        <ErrorNotice error={checks.error} />
        <CheckChart checks={loaded} definition={definition} />
      </PageSection>
      <PageSection id="checks" title={t('watch.checksTitle')}>
        {loaded.length === 0 ? (
          <p className="muted">{t('watch.noChecks')}</p>
        ) : (
          <ChecksTable checks={loaded} definition={definition} more={!!checks.hasNextPage} />
        )}
        {checks.hasNextPage && (
          <div className="button-row">
            <MoreButton list={checks} label={t('watch.olderChecks')} />
          </div>
        )}
      </PageSection>
      <PageSection id="opportunities" title={t('watch.opportunitiesTitle')}>
        <Raised open={detail.watch.openOpportunityId} checks={loaded} />
      </PageSection>
    </>
  );
}

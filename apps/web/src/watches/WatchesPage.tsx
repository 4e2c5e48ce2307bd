import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { WatchSummary } from '../api/types';
import { useFormat } from '../i18n/format';
import { WatchOutcomeBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { loadedItems, PagedListFooter } from '../ui/PagedList';
import { ScopeFilterForm } from '../ui/ScopeFilterForm';
import { TableRegion } from '../ui/TableRegion';
import { useDocumentTitle } from '../ui/use-document-title';
import { watchesQuery } from './queries';
import { useWatchText } from './watch-text';

const route = getRouteApi('/signed-in/watches');

function Row({ watch }: { watch: WatchSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useWatchText();
  const { kpi } = watch.definition;
  return (
    <tr>
      <th scope="row">
        <Link to="/watches/$id" params={{ id: watch.id }} className="user-text">
          {watch.title}
        </Link>
        <span className="row-id">{watch.id}</span>
      </th>
      <td className="muted">
        {watch.service} · {watch.department}
      </td>
      <td>
        <span className="monospace">{kpi.name}</span> <span className="muted">({kpi.unit})</span>
        <span className="muted small block">{kpi.source ? t('watches.pulled') : t('watches.pushed')}</span>
      </td>
      <td>{text.rule(watch.definition)}</td>
      <td>
        <WatchOutcomeBadge outcome={watch.lastOutcome} />
        {watch.lastCheckedAt && (
          <span className="muted small block">
            <time dateTime={watch.lastCheckedAt}>{format.dateTime(watch.lastCheckedAt)}</time>
          </span>
        )}
      </td>
      <td className="numeric">
        {t('watch.inARowValue', {
          breaches: format.number(watch.consecutiveBreaches),
          n: format.number(watch.definition.consecutiveChecks),
        })}
      </td>
      <td>
        {watch.openOpportunityId ? (
          <Link to="/opportunities/$id" params={{ id: watch.openOpportunityId }}>
            {watch.openOpportunityId}
          </Link>
        ) : (
          <span className="muted">{t('watches.noOpportunity')}</span>
        )}
      </td>
    </tr>
  );
}

export function WatchesPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const list = useInfiniteQuery(watchesQuery(filters));
  useDocumentTitle(t('watches.title'));
  const items = loadedItems(list);
  const filtered = !!(filters.service || filters.department);
  return (
    <>
      <div className="page-header page-header-actions">
        <div>
          <p className="eyebrow">
            <Link to="/opportunities">{t('nav.opportunities')}</Link>
          </p>
          <h1>{t('watches.title')}</h1>
          <p className="lead">{t('watches.lead')}</p>
        </div>
        {list.data?.pages[0]?.mayCreate && (
          <Link to="/watches/new" className="button button-primary button-large">
            {t('watches.new')}
          </Link>
        )}
      </div>
      {/* Back and forward (or a shared link) change the filters: the fields start afresh. */}
      <ScopeFilterForm
        key={JSON.stringify(filters)}
        filters={filters}
        onApply={(search) => void navigate({ search })}
        className="watch-filters"
        label={t('watches.filtersLabel')}
      />
      <section aria-labelledby="watches-heading" className="page-section">
        <h2 id="watches-heading">{t('watches.listTitle')}</h2>
        <ErrorNotice error={list.error} />
        <TableRegion label={t('watches.listTitle')}>
          <table className="data-table watches-table">
            <caption>
              {list.isPending
                ? t('common.loading')
                : t('watches.caption', { count: items.length, more: list.hasNextPage ? '+' : '' })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('watches.col.watch')}</th>
                <th scope="col">{t('watches.col.scope')}</th>
                <th scope="col">{t('watches.col.kpi')}</th>
                <th scope="col">{t('watches.col.rule')}</th>
                <th scope="col">{t('watches.col.lastCheck')}</th>
                <th scope="col" className="numeric">
                  {t('watches.col.inARow')}
                </th>
                <th scope="col">{t('watches.col.opportunity')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((watch) => (
                <Row key={watch.id} watch={watch} />
              ))}
            </tbody>
          </table>
        </TableRegion>
        {list.isSuccess && items.length === 0 && (
          <div className="empty-state">
            <p className="empty-title">{filtered ? t('watches.noMatch') : t('watches.empty')}</p>
          </div>
        )}
        <p className="muted small">{t('watches.scheduleNote')}</p>
        <PagedListFooter list={list} moreLabel={t('watches.more')} />
      </section>
    </>
  );
}

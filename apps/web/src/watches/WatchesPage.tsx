import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchSummary } from '../api/types';
import { useSession } from '../auth/session';
import { useFormat } from '../i18n/format';
import { WatchOutcomeBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { TableRegion } from '../ui/TableRegion';
import { useDocumentTitle } from '../ui/use-document-title';
import type { WatchFilters } from './filters';
import { watchesQuery } from './queries';
import { mayManageWatches } from './watch-rights';
import { useWatchText } from './watch-text';

const route = getRouteApi('/signed-in/watches');

function FilterForm({ filters }: { filters: WatchFilters }) {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const [service, setService] = useState(filters.service ?? '');
  const [department, setDepartment] = useState(filters.department ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate({
      search: {
        ...(service.trim() ? { service: service.trim() } : {}),
        ...(department.trim() ? { department: department.trim() } : {}),
      },
    });
  };
  return (
    <form
      className="filters watch-filters"
      role="search"
      aria-label={t('watches.filtersLabel')}
      onSubmit={submit}
    >
      <Field label={t('watches.filter.service')}>
        {(props) => (
          <input {...props} maxLength={100} value={service} onChange={(e) => setService(e.target.value)} />
        )}
      </Field>
      <Field label={t('watches.filter.department')}>
        {(props) => (
          <input
            {...props}
            maxLength={100}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          />
        )}
      </Field>
      <div className="filter-buttons">
        <button type="submit" className="button button-primary">
          {t('watches.apply')}
        </button>
        {(filters.service || filters.department) && (
          <button type="button" className="button button-quiet" onClick={() => void navigate({ search: {} })}>
            {t('watches.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

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
  const format = useFormat();
  const filters = route.useSearch();
  const person = useSession()?.person;
  const list = useInfiniteQuery(watchesQuery(filters));
  useDocumentTitle(t('watches.title'));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
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
        {mayManageWatches(person) && (
          <Link to="/watches/new" className="button button-primary button-large">
            {t('watches.new')}
          </Link>
        )}
      </div>
      {/* Back and forward (or a shared link) change the filters: the fields start afresh. */}
      <FilterForm key={JSON.stringify(filters)} filters={filters} />
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
        <div className="button-row">
          {list.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('common.loading') : t('watches.more')}
            </button>
          )}
          {list.dataUpdatedAt > 0 && (
            <span className="muted small">
              {t('common.updatedAt', { when: format.time(new Date(list.dataUpdatedAt).toISOString()) })}
            </span>
          )}
        </div>
      </section>
    </>
  );
}

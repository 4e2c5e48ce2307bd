import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunitySummary } from '../api/types';
import { useFormat } from '../i18n/format';
import { OpportunityStatusBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { FilterButtons } from '../ui/FilterButtons';
import { loadedItems, PagedListFooter } from '../ui/PagedList';
import { TableRegion } from '../ui/TableRegion';
import { useDocumentTitle } from '../ui/use-document-title';
import {
  BACKLOG_TEXT_FILTERS,
  type BacklogFilters,
  type BacklogTextFilter,
  hasBacklogFilters,
  matrixFiltersOf,
  STATUS_FILTERS,
  withBacklogFilter,
} from './filters';
import { backlogQuery, matrixQuery } from './queries';
import { ScorePartsList } from './ScoreParts';
import { ValueEffortMatrix } from './ValueEffortMatrix';
import { BENEFIT_CATEGORIES, BENEFIT_LEVELS, EFFORT_SIZES, ORIGINS, RISK_LEVELS } from './vocabulary';

const route = getRouteApi('/signed-in/opportunities');

/** The filters chosen from a list apply at once; the typed ones when the form is sent. */
const CHOICE_FILTERS = ['origin', 'benefitCategory', 'benefitLevel', 'effort', 'risk'] as const;
type ChoiceFilter = (typeof CHOICE_FILTERS)[number];
const CHOICES: Record<ChoiceFilter, readonly string[]> = {
  origin: ORIGINS,
  benefitCategory: BENEFIT_CATEGORIES,
  benefitLevel: BENEFIT_LEVELS,
  effort: EFFORT_SIZES,
  risk: RISK_LEVELS,
};

function FilterForm({ filters }: { filters: BacklogFilters }) {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState<Record<BacklogTextFilter, string>>(() => ({
    q: filters.q ?? '',
    service: filters.service ?? '',
    department: filters.department ?? '',
    objective: filters.objective ?? '',
    raisedBy: filters.raisedBy ?? '',
  }));
  const apply = (next: BacklogFilters) => void navigate({ search: next });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let next = filters;
    for (const name of BACKLOG_TEXT_FILTERS) next = withBacklogFilter(next, name, draft[name]);
    apply(next);
  };
  // Each choice's words are in the catalogue under the filter's own name (origin.idea, effort.S…).
  const optionLabel = (name: ChoiceFilter, value: string) => t(`${name}.${value}` as 'origin.idea');
  return (
    <form
      className="filters backlog-filters"
      role="search"
      aria-label={t('backlog.filtersLabel')}
      onSubmit={submit}
    >
      <Field label={t('backlog.filter.q')} className="filter-q">
        {(props) => (
          <input
            {...props}
            type="search"
            maxLength={200}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('backlog.filter.status')}>
        {(props) => (
          <select
            {...props}
            value={filters.status ?? ''}
            onChange={(e) =>
              apply(withBacklogFilter(filters, 'status', e.target.value as BacklogFilters['status']))
            }
          >
            <option value="">{t('backlog.open')}</option>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {status === 'all' ? t('backlog.all') : t(`opportunityStatus.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {CHOICE_FILTERS.map((name) => (
        <Field key={name} label={t(`backlog.filter.${name}`)}>
          {(props) => (
            <select
              {...props}
              value={filters[name] ?? ''}
              onChange={(e) => apply(withBacklogFilter(filters, name, e.target.value as never))}
            >
              <option value="">{t('backlog.any')}</option>
              {CHOICES[name].map((value) => (
                <option key={value} value={value}>
                  {optionLabel(name, value)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      {(['service', 'department', 'objective', 'raisedBy'] as const).map((name) => (
        <Field key={name} label={t(`backlog.filter.${name}`)}>
          {(props) => (
            <input
              {...props}
              maxLength={name === 'objective' ? 80 : 100}
              value={draft[name]}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field label={t('backlog.filter.sort')}>
        {(props) => (
          <select
            {...props}
            value={filters.sort ?? ''}
            onChange={(e) =>
              apply(withBacklogFilter(filters, 'sort', e.target.value === 'newest' ? 'newest' : ''))
            }
          >
            <option value="">{t('backlog.sortScore')}</option>
            <option value="newest">{t('backlog.sortNewest')}</option>
          </select>
        )}
      </Field>
      <FilterButtons
        applyLabel={t('backlog.apply')}
        clearLabel={t('backlog.clear')}
        filtered={hasBacklogFilters(filters)}
        onClear={() => apply({})}
      />
    </form>
  );
}

function Row({ item, rank }: { item: OpportunitySummary; rank: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr>
      <td className="numeric">{format.number(rank)}</td>
      <th scope="row">
        <Link to="/opportunities/$id" params={{ id: item.id }} className="user-text">
          {item.title}
        </Link>
        <span className="row-id">{item.id}</span>
        <span className="muted small block">
          {t('backlog.raisedBy', { by: item.raisedBy, when: format.date(item.createdAt) })}
        </span>
      </th>
      <td className="numeric score-total">{format.number(item.score.total)}</td>
      <td>
        <ScorePartsList score={item.score} />
      </td>
      <td>
        <OpportunityStatusBadge status={item.status} />
      </td>
      <td>
        {t('backlog.benefitValue', {
          category: t(`benefitCategory.${item.benefit.category}`),
          level: t(`benefitLevel.${item.benefit.level}`),
        })}
      </td>
      <td>{t('backlog.effortRisk', { effort: t(`effort.${item.effort}`), risk: t(`risk.${item.risk}`) })}</td>
      <td className="numeric">{format.number(item.supporters)}</td>
      <td className="muted">
        {item.service} · {item.department}
      </td>
    </tr>
  );
}

export function BacklogPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const list = useInfiniteQuery(backlogQuery(filters));
  // The matrix across effort and benefit level: the gateway's counts, and the titles of the same
  // list without those two filters (the same query, shared, when neither is set).
  const whole = useInfiniteQuery(backlogQuery(matrixFiltersOf(filters)));
  const counts = useQuery(matrixQuery(matrixFiltersOf(filters)));
  useDocumentTitle(t('backlog.title'));
  const items = loadedItems(list);
  const matrixItems = loadedItems(whole);
  return (
    <>
      <div className="page-header page-header-actions">
        <div>
          <h1>{t('backlog.title')}</h1>
          <p className="lead">{t('backlog.lead')}</p>
        </div>
        <div className="header-links">
          <Link to="/opportunities/new" className="button button-primary button-large">
            {t('backlog.raise')}
          </Link>
          <Link to="/watches">{t('backlog.watches')}</Link>
        </div>
      </div>
      {/* Back and forward (or a shared link) change the filters: the fields start afresh. */}
      <FilterForm key={JSON.stringify(filters)} filters={filters} />
      <section aria-labelledby="matrix-heading" className="page-section">
        <h2 id="matrix-heading">{t('matrix.title')}</h2>
        <ErrorNotice error={whole.error ?? counts.error} />
        {whole.isPending || counts.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : (
          <ValueEffortMatrix items={matrixItems} counts={counts.data?.cells ?? []} filters={filters} />
        )}
      </section>
      <section aria-labelledby="backlog-heading" className="page-section">
        <h2 id="backlog-heading">{t('backlog.listTitle')}</h2>
        <ErrorNotice error={list.error} />
        <TableRegion label={t('backlog.listTitle')}>
          <table className="data-table backlog-table">
            <caption>
              {list.isPending
                ? t('common.loading')
                : t('backlog.caption', { count: items.length, more: list.hasNextPage ? '+' : '' })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('backlog.col.rank')}
                </th>
                <th scope="col">{t('backlog.col.title')}</th>
                <th scope="col" className="numeric">
                  {t('backlog.col.score')}
                </th>
                <th scope="col">{t('backlog.col.why')}</th>
                <th scope="col">{t('backlog.col.status')}</th>
                <th scope="col">{t('backlog.col.benefit')}</th>
                <th scope="col">{t('backlog.col.effortRisk')}</th>
                <th scope="col" className="numeric">
                  {t('backlog.col.supporters')}
                </th>
                <th scope="col">{t('backlog.col.scope')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <Row key={item.id} item={item} rank={index + 1} />
              ))}
            </tbody>
          </table>
        </TableRegion>
        {list.isSuccess && items.length === 0 && (
          <div className="empty-state">
            <p className="empty-title">
              {hasBacklogFilters(filters) ? t('backlog.noMatch') : t('backlog.empty')}
            </p>
            {!hasBacklogFilters(filters) && <Link to="/opportunities/new">{t('backlog.raise')}</Link>}
          </div>
        )}
        <PagedListFooter list={list} moreLabel={t('backlog.more')} />
      </section>
    </>
  );
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InitiativeSummary } from '../api/types';
import { useFormat } from '../i18n/format';
import { PhaseBadge, VerdictBadge } from '../ui/badges';
import { DueBadge } from '../ui/DueBadge';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { FilterButtons } from '../ui/FilterButtons';
import { loadedItems, PagedListFooter } from '../ui/PagedList';
import { useDocumentTitle } from '../ui/use-document-title';
import { useNow } from '../ui/use-now';
import { useWhom } from '../ui/waits';
import { hasFilters, PHASES, type RegisterFilters, TEXT_FILTERS, withFilter } from './filters';
import { registerQuery } from './queries';
import { TableRegion } from '../ui/TableRegion';

const route = getRouteApi('/signed-in/register');

type TextFilter = (typeof TEXT_FILTERS)[number];

function FilterForm({ filters }: { filters: RegisterFilters }) {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState<Record<TextFilter | 'cycle', string>>(() => draftOf(filters));
  const apply = (next: RegisterFilters) => void navigate({ search: next, replace: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let next: RegisterFilters = { ...(filters.phase ? { phase: filters.phase } : {}) };
    for (const name of TEXT_FILTERS) next = withFilter(next, name, draft[name]);
    next = withFilter(next, 'cycle', draft.cycle ? Number(draft.cycle) : undefined);
    apply(next);
  };
  return (
    <form className="filters" role="search" aria-label={t('register.filtersLabel')} onSubmit={submit}>
      <Field label={t('register.filter.q')} className="filter-q">
        {(props) => (
          <input
            {...props}
            type="search"
            maxLength={100}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('register.filter.phase')}>
        {(props) => (
          <select
            {...props}
            value={filters.phase ?? ''}
            onChange={(e) =>
              apply(withFilter(filters, 'phase', e.target.value as RegisterFilters['phase'] | ''))
            }
          >
            <option value="">{t('register.anyPhase')}</option>
            {PHASES.map((phase) => (
              <option key={phase} value={phase}>
                {t(`phase.${phase}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(['service', 'department', 'owner'] as const).map((name) => (
        <Field key={name} label={t(`register.filter.${name}`)}>
          {(props) => (
            <input
              {...props}
              maxLength={100}
              value={draft[name]}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field label={t('register.filter.cycle')}>
        {(props) => (
          <input
            {...props}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            value={draft.cycle}
            onChange={(e) => setDraft({ ...draft, cycle: e.target.value })}
          />
        )}
      </Field>
      <FilterButtons
        applyLabel={t('register.apply')}
        clearLabel={t('register.clear')}
        filtered={hasFilters(filters)}
        onClear={() => apply({})}
      />
    </form>
  );
}

function draftOf(filters: RegisterFilters): Record<TextFilter | 'cycle', string> {
  return {
    q: filters.q ?? '',
    service: filters.service ?? '',
    department: filters.department ?? '',
    owner: filters.owner ?? '',
    cycle: filters.cycle ? String(filters.cycle) : '',
  };
}

function Row({ item, now }: { item: InitiativeSummary; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const whom = useWhom();
  const people = [...new Set(item.waitingOn.map((wait) => whom(wait.who)))];
  return (
    <tr>
      <th scope="row">
        <Link to="/initiatives/$id" params={{ id: item.id }}>
          {item.title}
        </Link>
        <span className="row-id">{item.id}</span>
      </th>
      <td>
        <PhaseBadge phase={item.phase} />
      </td>
      <td className="nowrap">{t('initiative.cycleOf', { cycle: item.cycle, max: item.maxCycles })}</td>
      <td>
        {people.length > 0 ? format.list(people) : <span className="muted">{t('register.nobody')}</span>}
      </td>
      <td>
        <DueBadge dueAt={item.nextDueAt} now={now} />
      </td>
      <td>
        <VerdictBadge verdict={item.lastVerdict} />
      </td>
      <td className="muted">
        {item.service} · {item.department} · {item.owner}
      </td>
    </tr>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const now = useNow(15_000);
  const list = useInfiniteQuery(registerQuery(filters));
  useDocumentTitle(t('register.title'));
  const items = loadedItems(list);
  return (
    <>
      <div className="page-header">
        <h1>{t('register.title')}</h1>
        <p className="lead">{t('register.lead')}</p>
      </div>
      {/* Back and forward (or a shared link) change the filters: the fields start afresh. */}
      <FilterForm key={JSON.stringify(filters)} filters={filters} />
      <ErrorNotice error={list.error} />
      <TableRegion label={t('register.title')}>
        <table className="data-table">
          <caption>
            {list.isPending
              ? t('common.loading')
              : t('register.caption', { count: items.length, more: list.hasNextPage ? '+' : '' })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('register.col.title')}</th>
              <th scope="col">{t('register.col.phase')}</th>
              <th scope="col">{t('register.col.cycle')}</th>
              <th scope="col">{t('register.col.waitingOn')}</th>
              <th scope="col">{t('register.col.nextDue')}</th>
              <th scope="col">{t('register.col.lastVerdict')}</th>
              <th scope="col">{t('register.col.scope')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <Row key={item.id} item={item} now={now} />
            ))}
          </tbody>
        </table>
      </TableRegion>
      {list.isSuccess && items.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{hasFilters(filters) ? t('register.noMatch') : t('register.empty')}</p>
        </div>
      )}
      <PagedListFooter list={list} moreLabel={t('register.more')} />
    </>
  );
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson } from '../api/types';
import { ADMIN_ROLE, holdsRole, useSession } from '../auth/session';
import { useFormat } from '../i18n/format';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { FilterButtons } from '../ui/FilterButtons';
import { loadedItems, PagedListFooter } from '../ui/PagedList';
import { TableRegion } from '../ui/TableRegion';
import { useDocumentTitle } from '../ui/use-document-title';
import { PEOPLE_FILTERS, type PeopleFilters } from './filters';
import { PersonEditor } from './PersonEditor';
import { peopleQuery } from './queries';

const route = getRouteApi('/signed-in/people');

function Filters({ filters, onApply }: { filters: PeopleFilters; onApply: (next: PeopleFilters) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState<PeopleFilters>(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: PeopleFilters = {};
    for (const name of PEOPLE_FILTERS) {
      const value = typed[name]?.trim();
      if (value) next[name] = value;
    }
    onApply(next);
  };
  return (
    <form
      className="filters people-filters"
      role="search"
      aria-label={t('people.filtersLabel')}
      onSubmit={submit}
    >
      {PEOPLE_FILTERS.map((name) => (
        <Field key={name} label={t(`people.filter.${name}`)}>
          {(props) => (
            <input
              {...props}
              type={name === 'q' ? 'search' : 'text'}
              maxLength={100}
              value={typed[name] ?? ''}
              onChange={(e) => setTyped((f) => ({ ...f, [name]: e.target.value }))}
            />
          )}
        </Field>
      ))}
      <FilterButtons
        applyLabel={t('people.apply')}
        clearLabel={t('people.clear')}
        filtered={Object.keys(filters).length > 0}
        onClear={() => onApply({})}
      />
    </form>
  );
}

function Row({
  person,
  admin,
  onEdit,
}: {
  person: DirectoryPerson;
  admin: boolean;
  onEdit: (person: DirectoryPerson) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = <span className="muted">—</span>;
  return (
    <tr>
      <th scope="row">
        {person.displayName ?? person.id}
        <span className="row-id">{person.id}</span>
      </th>
      {admin && <td>{person.email ?? none}</td>}
      <td>{person.roles.length > 0 ? person.roles.join(', ') : none}</td>
      <td>{person.departments.length > 0 ? person.departments.join(', ') : none}</td>
      <td>{t(`language.names.${person.locale}`)}</td>
      <td>
        {t(`people.source.${person.source}`)}
        <span className="muted small block">
          {person.lastSeenAt
            ? t('people.lastSeen', { when: format.dateTime(person.lastSeenAt) })
            : t('people.neverSignedIn')}
        </span>
      </td>
      {admin && (
        <td>
          <button type="button" className="link-button" onClick={() => onEdit(person)}>
            {t('people.edit')}
            <span className="visually-hidden"> {person.displayName ?? person.id}</span>
          </button>
        </td>
      )}
    </tr>
  );
}

/**
 * The people directory: whom waits reach (by their roles and departments) and whom a delegation
 * may name. Anyone signed in reads it; admins enter and edit people.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const admin = holdsRole(useSession()?.person, ADMIN_ROLE);
  const list = useInfiniteQuery(peopleQuery(filters));
  const [editing, setEditing] = useState<{ person?: DirectoryPerson } | null>(null);
  useDocumentTitle(t('people.title'));
  const items = loadedItems(list);
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <div className="page-header page-header-actions">
        <div>
          <h1>{t('people.title')}</h1>
          <p className="lead">{admin ? t('people.leadAdmin') : t('people.lead')}</p>
        </div>
        {admin && !editing && (
          <button type="button" className="button button-primary button-large" onClick={() => setEditing({})}>
            {t('people.addButton')}
          </button>
        )}
      </div>
      {editing && (
        <PersonEditor
          key={editing.person?.id ?? 'new'}
          person={editing.person}
          onDone={() => setEditing(null)}
        />
      )}
      <Filters
        key={JSON.stringify(filters)}
        filters={filters}
        onApply={(search) => void navigate({ search })}
      />
      <section aria-labelledby="people-heading" className="page-section">
        <h2 id="people-heading">{t('people.listTitle')}</h2>
        <ErrorNotice error={list.error} />
        <TableRegion label={t('people.listTitle')}>
          <table className="data-table people-table">
            <caption>
              {list.isPending
                ? t('common.loading')
                : t('people.caption', { count: items.length, more: list.hasNextPage ? '+' : '' })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('people.col.person')}</th>
                {admin && <th scope="col">{t('people.col.email')}</th>}
                <th scope="col">{t('people.col.roles')}</th>
                <th scope="col">{t('people.col.departments')}</th>
                <th scope="col">{t('people.col.locale')}</th>
                <th scope="col">{t('people.col.source')}</th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">{t('people.col.act')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((person) => (
                <Row
                  key={person.id}
                  person={person}
                  admin={admin}
                  onEdit={(p) => setEditing({ person: p })}
                />
              ))}
            </tbody>
          </table>
        </TableRegion>
        {list.isSuccess && items.length === 0 && (
          <div className="empty-state">
            <p className="empty-title">{filtered ? t('people.noMatch') : t('people.empty')}</p>
          </div>
        )}
        <PagedListFooter list={list} moreLabel={t('people.more')} />
      </section>
    </>
  );
}

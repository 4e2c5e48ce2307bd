import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson } from '../api/types';
import { peopleMatchingQuery } from '../people/queries';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useDebounced } from '../ui/use-debounced';

/** How long typing settles before the directory is asked. */
const SEARCH_SETTLE_MS = 250;

/**
 * Someone from the directory, found by typing part of their name, id or email: the matches are a
 * group of radio buttons (the one chosen stays among them while the search changes).
 */
export function PersonPicker({
  label,
  chosen,
  onChoose,
  exclude,
  error,
}: {
  label: string;
  chosen: DirectoryPerson | null;
  onChoose: (person: DirectoryPerson) => void;
  /** Who is never offered (the person themselves). */
  exclude: string | undefined;
  error: string | null;
}) {
  const { t } = useTranslation();
  const groupId = useId();
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), SEARCH_SETTLE_MS);
  const matches = useQuery(peopleMatchingQuery(settled));
  const found = (matches.data?.items ?? []).filter((p) => p.id !== exclude && p.id !== chosen?.id);
  const offered = [...(chosen ? [chosen] : []), ...found];
  const searched = settled !== '' && matches.isSuccess && settled === text.trim();
  return (
    <div className="person-picker">
      <Field label={label} hint={t('delegation.pickerHint')} error={error}>
        {(props) => (
          <input
            {...props}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <p className="muted small" aria-live="polite">
        {searched &&
          (found.length === 0
            ? t('delegation.noMatch', { text: settled })
            : t('delegation.matches', { count: found.length }))}
      </p>
      <ErrorNotice error={matches.error} />
      {offered.length > 0 && (
        <div
          role="radiogroup"
          aria-label={t('delegation.matchesLabel')}
          className="person-choices"
          id={groupId}
        >
          {offered.map((person) => (
            <label key={person.id} className={`person-choice${person.id === chosen?.id ? ' chosen' : ''}`}>
              <input
                type="radio"
                name={`${groupId}-person`}
                value={person.id}
                checked={person.id === chosen?.id}
                onChange={() => onChoose(person)}
              />
              <span>
                <span className="strong">{person.displayName ?? person.id}</span>{' '}
                <span className="muted">({person.id})</span>
                <span className="muted small block">
                  {[...person.roles, ...person.departments].join(' · ') || t('person.noRoles')}
                </span>
              </span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}

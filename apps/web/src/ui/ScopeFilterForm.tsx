import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';
import { FilterButtons } from './FilterButtons';
import type { ScopeFilters } from './scope-filters';

/**
 * A service and a department to scope a page by, applied when the form is sent. Key it by the
 * filters: back and forward (or a shared link) then start its fields afresh.
 */
export function ScopeFilterForm({
  filters,
  onApply,
  className,
  label,
  children,
}: {
  filters: ScopeFilters;
  onApply: (next: ScopeFilters) => void;
  className: string;
  /** The form's name: what it scopes. */
  label: string;
  /** Shown below the fields (a link to the scope's own page, say). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [service, setService] = useState(filters.service ?? '');
  const [department, setDepartment] = useState(filters.department ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...(service.trim() ? { service: service.trim() } : {}),
      ...(department.trim() ? { department: department.trim() } : {}),
    });
  };
  return (
    <form className={`filters ${className}`} role="search" aria-label={label} onSubmit={submit}>
      <Field label={t('scopeFilter.service')}>
        {(props) => (
          <input {...props} maxLength={100} value={service} onChange={(e) => setService(e.target.value)} />
        )}
      </Field>
      <Field label={t('scopeFilter.department')}>
        {(props) => (
          <input
            {...props}
            maxLength={100}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          />
        )}
      </Field>
      <FilterButtons
        applyLabel={t('scopeFilter.apply')}
        clearLabel={t('scopeFilter.clear')}
        filtered={!!(filters.service || filters.department)}
        onClear={() => onApply({})}
      />
      {children}
    </form>
  );
}

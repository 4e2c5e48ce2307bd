import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { dataSourcesQuery } from './queries';

/** Where a KPI pulled from a data source gets its samples: a query, or two counters (a ratio). */
export interface PulledSource {
  dataSource: string;
  query: string;
  good: string;
  total: string;
}
export type PulledSourceField = keyof PulledSource;

/**
 * A pulled KPI's data source and its query or counters, as the new-initiative and the new-watch
 * forms ask for them: a ratio needs a Prometheus source, a query any configured one.
 */
export function PulledSourceFields({
  kind,
  source,
  onChange,
  label,
  errorAt,
  queryClassName,
  counters = {},
}: {
  kind: 'threshold' | 'ratio';
  source: PulledSource;
  onChange: (name: PulledSourceField, value: string) => void;
  label: (name: PulledSourceField) => string;
  errorAt: (name: PulledSourceField) => string | null;
  queryClassName?: string;
  /** The API's limit on a counter, and whether the form marks the counters required. */
  counters?: { maxLength?: number; required?: boolean };
}) {
  const { t } = useTranslation();
  const dataSources = useQuery(dataSourcesQuery());
  const counter = (name: 'good' | 'total') => (
    <Field label={label(name)} error={errorAt(name)}>
      {(props) => (
        <input
          {...props}
          value={source[name]}
          maxLength={counters.maxLength}
          required={counters.required}
          spellCheck={false}
          onChange={(e) => onChange(name, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <>
      <Field
        label={label('dataSource')}
        hint={
          dataSources.data && dataSources.data.items.length === 0
            ? t('newInitiative.hint.noDataSources')
            : undefined
        }
        error={errorAt('dataSource')}
      >
        {(props) => (
          <select
            {...props}
            value={source.dataSource}
            onChange={(e) => onChange('dataSource', e.target.value)}
          >
            <option value="">{t('newInitiative.chooseDataSource')}</option>
            {(dataSources.data?.items ?? [])
              .filter((option) => kind === 'threshold' || option.kind === 'prometheus')
              .map((option) => (
                <option key={option.name} value={option.name}>
                  {option.name} ({option.kind})
                </option>
              ))}
          </select>
        )}
      </Field>
      {kind === 'threshold' ? (
        <Field
          label={label('query')}
          hint={t('newInitiative.hint.query')}
          error={errorAt('query')}
          className={queryClassName}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              spellCheck={false}
              value={source.query}
              onChange={(e) => onChange('query', e.target.value)}
            />
          )}
        </Field>
      ) : (
        <>
          {counter('good')}
          {counter('total')}
        </>
      )}
    </>
  );
}

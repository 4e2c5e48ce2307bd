import { useTranslation } from 'react-i18next';
import type { Kpi, RegisterRecord } from '../api/types';
import { useFormat } from '../i18n/format';
import { TableRegion } from '../ui/TableRegion';

/** Where each KPI's samples come from, in words. */
export function useKpiSource() {
  const { t } = useTranslation();
  return (kpi: Kpi): string => {
    const source = kpi.source;
    if (!source) return t('collection.pushed');
    if (source.kind === 'feedback') return t('collection.feedback');
    return source.kind === 'ratio'
      ? t('collection.ratio', { source: source.dataSource, good: source.good, total: source.total })
      : t('collection.threshold', { source: source.dataSource, query: source.query });
  };
}

/**
 * The pulled KPIs' collection of their latest window: how far it is collected, the last pull, and
 * a source that fails, since when and why (the worker keeps trying; the window's end waits on it).
 */
export function DataCollection({ register }: { register: RegisterRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = register.collection;
  if (rows.length === 0) return null;
  return (
    <div className="data-collection">
      <h3>{t('collection.title')}</h3>
      <TableRegion label={t('collection.title')}>
        <table className="data-table">
          <caption className="visually-hidden">{t('collection.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('collection.col.kpi')}</th>
              <th scope="col">{t('collection.col.source')}</th>
              <th scope="col">{t('collection.col.window')}</th>
              <th scope="col">{t('collection.col.collectedUntil')}</th>
              <th scope="col">{t('collection.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kpi}-${row.windowFrom}`}>
                <td>{row.kpi}</td>
                <td>{row.dataSource}</td>
                <td>
                  {format.dateTime(row.windowFrom)} – {format.dateTime(row.windowTo)}
                </td>
                <td>{format.dateTime(row.collectedUntil, { seconds: true })}</td>
                <td>
                  {row.failingSince ? (
                    <span className="status-failing">
                      {t('collection.failing', {
                        since: format.dateTime(row.failingSince, { seconds: true }),
                      })}
                      {row.lastError && <span className="user-text block small">{row.lastError}</span>}
                    </span>
                  ) : row.open ? (
                    row.lastPullAt ? (
                      t('collection.pulled', { when: format.dateTime(row.lastPullAt, { seconds: true }) })
                    ) : (
                      t('collection.notYet')
                    )
                  ) : (
                    t('collection.closed')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

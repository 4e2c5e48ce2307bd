import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { OpportunityMatrix, OpportunitySummary } from '../api/types';
import { useFormat } from '../i18n/format';
import { type BacklogFilters, matrixFiltersOf } from './filters';
import { type Quadrant, valueEffortMatrix } from './matrix';
import { EFFORT_SIZES } from './vocabulary';

const QUADRANTS: readonly Quadrant[] = ['quick-win', 'major-project', 'fill-in', 'time-sink'];

/**
 * Benefit level × effort, 4 × 4: a table (rows and columns have headers), each count a link that
 * filters the list to its cell. The shading says the quadrant; the key says it in words.
 */
export function ValueEffortMatrix({
  items,
  counts,
  filters,
}: {
  items: readonly OpportunitySummary[];
  counts: OpportunityMatrix['cells'];
  filters: BacklogFilters;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = valueEffortMatrix(items, counts);
  const base = matrixFiltersOf(filters);
  const selected = (level: string, effort: string) =>
    filters.benefitLevel === level && filters.effort === effort;
  return (
    <div className="matrix">
      <table className="matrix-table">
        <caption>{t('matrix.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="matrix-corner">
              {t('matrix.corner')}
            </th>
            {EFFORT_SIZES.map((effort) => (
              <th key={effort} scope="col">
                {t(`effort.${effort}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.level}>
              <th scope="row">{t(`benefitLevel.${row.level}`)}</th>
              {row.cells.map((cell) => (
                <td
                  key={cell.effort}
                  className={`matrix-cell quadrant-${cell.quadrant}${selected(cell.level, cell.effort) ? ' matrix-selected' : ''}`}
                >
                  {cell.count === 0 ? (
                    <span className="matrix-count matrix-empty">{format.number(0)}</span>
                  ) : (
                    <>
                      <Link
                        to="/opportunities"
                        search={{ ...base, benefitLevel: cell.level, effort: cell.effort }}
                        className="matrix-count"
                      >
                        <span aria-hidden="true">{format.number(cell.count)}</span>
                        <span className="visually-hidden">
                          {t('matrix.cell', {
                            count: cell.count,
                            level: t(`benefitLevel.${cell.level}`),
                            effort: t(`effort.${cell.effort}`),
                          })}
                        </span>
                      </Link>
                      <ul className="matrix-titles">
                        {cell.top.map((item) => (
                          <li key={item.id}>{item.title}</li>
                        ))}
                        {cell.count > cell.top.length && (
                          <li className="muted">
                            {t('matrix.more', { count: cell.count - cell.top.length })}
                          </li>
                        )}
                      </ul>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="matrix-side">
        <p className="matrix-key-label">{t('matrix.keyLabel')}</p>
        <ul className="plain-list matrix-key">
          {QUADRANTS.map((quadrant) => (
            <li key={quadrant}>
              <span className={`swatch quadrant-${quadrant}`} aria-hidden="true" />{' '}
              {t(`matrix.quadrant.${quadrant}`)}
            </li>
          ))}
        </ul>
        {(filters.benefitLevel || filters.effort) && (
          <p>
            <Link to="/opportunities" search={base}>
              {t('matrix.showAll')}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}

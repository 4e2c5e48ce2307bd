import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portfolio } from '../api/types';
import { useFormat } from '../i18n/format';
import { BENEFIT_CATEGORIES, isOneOf } from '../opportunities/vocabulary';
import { TableRegion } from '../ui/TableRegion';
import { BENEFIT_GROUPINGS, type BenefitGrouping, benefitSeries, OTHER } from './benefits';

/** One colour a group, each at least 3:1 against white; the rest in grey. */
const GROUP_COLOURS = ['#1d4ed8', '#15803d', '#a16207', '#7c3aed', '#b91c1c', '#0e7490'];
const REST_COLOUR = '#64748b';
const HEIGHT = 160;
const COLUMN = 28;
const GAP = 10;

/**
 * The initiatives that met their targets, stacked by month and grouped by service, department,
 * objective or benefit: a picture (named, for a screen reader) and the same figures as a table.
 */
export function BenefitsChart({ rows }: { rows: Portfolio['benefits'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const [grouping, setGrouping] = useState<BenefitGrouping>('service');
  const series = benefitSeries(rows, grouping);
  const groupName = (key: string) => {
    if (key === OTHER)
      return grouping === 'objective' ? t('portfolio.noObjective') : t('portfolio.otherGroups');
    if (grouping === 'category' && isOneOf(BENEFIT_CATEGORIES, key)) return t(`benefitCategory.${key}`);
    return key;
  };
  const monthOf = (month: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(format.locale, { ...options, timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  const monthName = (month: string) => monthOf(month, { month: 'short', year: 'numeric' });
  const colour = (index: number, key: string) =>
    key === OTHER ? REST_COLOUR : (GROUP_COLOURS[index % GROUP_COLOURS.length] ?? REST_COLOUR);
  const width = Math.max(1, series.months.length) * (COLUMN + GAP) + GAP;
  const scale = series.max > 0 ? (HEIGHT - 20) / series.max : 0;

  if (rows.length === 0) return <p className="muted">{t('portfolio.noBenefits')}</p>;
  return (
    <div className="benefits">
      <fieldset className="inline-choices">
        <legend>{t('portfolio.groupBy')}</legend>
        {BENEFIT_GROUPINGS.map((name) => (
          <label key={name}>
            <input
              type="radio"
              name="benefit-grouping"
              value={name}
              checked={grouping === name}
              onChange={() => setGrouping(name)}
            />{' '}
            {t(`portfolio.grouping.${name}`)}
          </label>
        ))}
      </fieldset>
      <figure className="chart benefits-chart">
        <svg
          role="img"
          aria-labelledby={titleId}
          viewBox={`0 0 ${width} ${HEIGHT + 24}`}
          width={width}
          height={HEIGHT + 24}
          className="columns"
        >
          <title id={titleId}>{t('portfolio.benefitsImage', { count: series.months.length })}</title>
          <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="axis" />
          {series.months.map((month, m) => {
            let y = HEIGHT;
            const x = GAP + m * (COLUMN + GAP);
            return (
              <g key={month}>
                {series.groups.map((group, g) => {
                  const h = (group.counts[m] ?? 0) * scale;
                  y -= h;
                  return h > 0 ? (
                    <rect key={group.key} x={x} y={y} width={COLUMN} height={h} fill={colour(g, group.key)} />
                  ) : null;
                })}
                <text x={x + COLUMN / 2} y={HEIGHT + 16} textAnchor="middle" className="column-label">
                  {monthOf(month, { month: 'short' })}
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption>
          <ul className="chart-key">
            {series.groups.map((group, g) => (
              <li key={group.key}>
                <svg width="12" height="12" aria-hidden="true" focusable="false" className="key-swatch">
                  <rect width="12" height="12" rx="2" fill={colour(g, group.key)} />
                </svg>{' '}
                <span className="user-text">{groupName(group.key)}</span> ({format.number(group.total)})
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <TableRegion label={t('portfolio.benefitsTable')}>
        <table className="data-table benefits-table">
          <caption>{t('portfolio.benefitsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`portfolio.grouping.${grouping}`)}</th>
              {series.months.map((month) => (
                <th key={month} scope="col" className="numeric">
                  <time dateTime={month}>{monthName(month)}</time>
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('portfolio.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {series.groups.map((group) => (
              <tr key={group.key}>
                <th scope="row" className="user-text">
                  {groupName(group.key)}
                </th>
                {group.counts.map((count, i) => (
                  <td key={series.months[i]} className="numeric">
                    {count > 0 ? format.number(count) : <span className="muted">–</span>}
                  </td>
                ))}
                <td className="numeric strong">{format.number(group.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

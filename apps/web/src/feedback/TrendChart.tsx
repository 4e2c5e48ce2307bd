import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceFeedback } from '../api/types';
import { useFormat } from '../i18n/format';
import { TableRegion } from '../ui/TableRegion';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 40, right: 16, top: 12, bottom: 28 };

/** The weekly mean score as a line (a named picture), and the same figures as a table. */
export function TrendChart({ trend }: { trend: ServiceFeedback['trend'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const [first, last] = [trend[0], trend[trend.length - 1]];
  if (!first || !last) return <p className="muted">{t('serviceFeedback.noScores')}</p>;
  const means = trend.map((w) => w.mean);
  const low = Math.min(...means);
  const high = Math.max(...means);
  const span = high - low || 1;
  const [bottom, top] = [low - span * 0.1, high + span * 0.1];
  const x = (i: number) =>
    PAD.left +
    (trend.length === 1
      ? (WIDTH - PAD.left - PAD.right) / 2
      : (i / (trend.length - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (value: number) =>
    PAD.top + (1 - (value - bottom) / (top - bottom)) * (HEIGHT - PAD.top - PAD.bottom);
  const points = trend.map((w, i) => `${x(i)},${y(w.mean)}`).join(' ');
  return (
    <div className="trend">
      <figure className="chart trend-chart">
        <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="trend-svg">
          <title id={titleId}>
            {t('serviceFeedback.trendImage', {
              count: trend.length,
              first: format.number(first.mean),
              last: format.number(last.mean),
            })}
          </title>
          {[high, low].map((value) => (
            <g key={value}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="grid" />
              <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" className="axis-label">
                {format.number(value)}
              </text>
            </g>
          ))}
          <polyline points={points} className="trend-line" />
          {trend.map((w, i) => (
            <circle key={w.week} cx={x(i)} cy={y(w.mean)} r={3.5} className="trend-point" />
          ))}
          <text x={x(0)} y={HEIGHT - 8} textAnchor="start" className="axis-label">
            {format.date(first.week)}
          </text>
          {trend.length > 1 && (
            <text x={x(trend.length - 1)} y={HEIGHT - 8} textAnchor="end" className="axis-label">
              {format.date(last.week)}
            </text>
          )}
        </svg>
      </figure>
      <TableRegion label={t('serviceFeedback.trendTable')}>
        <table className="data-table trend-table">
          <caption>{t('serviceFeedback.trendCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('serviceFeedback.col.week')}</th>
              <th scope="col" className="numeric">
                {t('serviceFeedback.col.mean')}
              </th>
              <th scope="col" className="numeric">
                {t('serviceFeedback.col.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map((w) => (
              <tr key={w.week}>
                <th scope="row">
                  <time dateTime={w.week}>{t('serviceFeedback.weekOf', { date: format.date(w.week) })}</time>
                </th>
                <td className="numeric">{format.number(w.mean)}</td>
                <td className="numeric">{format.number(w.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

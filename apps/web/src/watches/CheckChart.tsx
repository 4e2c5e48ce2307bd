import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchCheck, WatchDefinition } from '../api/types';
import { useFormat } from '../i18n/format';
import { type CheckPoint, checkChart } from './check-chart';

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 56, right: 16, top: 14, bottom: 30 };
const BREACH_SIZE = 9;
const SECONDS_SHOWN_BELOW_MS = 60 * 60_000;

/** Runs of points with a value (keyed by their first check), so that a check without one breaks the line. */
function runs(
  points: readonly CheckPoint[],
  value: (p: CheckPoint) => number | null,
): { key: number; points: CheckPoint[] }[] {
  const out: { key: number; points: CheckPoint[] }[] = [];
  let current: CheckPoint[] = [];
  for (const point of points) {
    if (value(point) === null) {
      current = [];
      continue;
    }
    if (current.length === 0) out.push({ key: point.at, points: current });
    current.push(point);
  }
  return out;
}

/**
 * The recent period's value at each check, the threshold (or each check's baseline) it was judged
 * against, and the breaches marked by shape as well as colour: a named picture whose figures are
 * the checks table's, next to it.
 */
export function CheckChart({
  checks,
  definition,
}: {
  checks: readonly WatchCheck[];
  definition: WatchDefinition;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const model = checkChart(checks, definition.rule);
  if (!model) return <p className="muted">{t('watch.noChecks')}</p>;
  const { points, x: xs, y: ys } = model;
  const unit = definition.kpi.unit;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const x = (at: number) =>
    PAD.left + (xs.max === xs.min ? plotWidth / 2 : ((at - xs.min) / (xs.max - xs.min)) * plotWidth);
  const y = (value: number) =>
    PAD.top + (1 - (value - ys.min) / (ys.max - ys.min)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (run: CheckPoint[], value: (p: CheckPoint) => number | null) =>
    run.map((p) => `${x(p.at)},${y(value(p) ?? 0)}`).join(' ');
  const ticks = [ys.min, (ys.min + ys.max) / 2, ys.max];
  // Checks minutes apart (triggered by hand, say) are told apart by their seconds.
  const when = (at: number) =>
    format.dateTime(new Date(at).toISOString(), { seconds: xs.max - xs.min < SECONDS_SHOWN_BELOW_MS });
  return (
    <figure className="chart check-chart">
      <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="check-svg">
        <title id={titleId}>
          {t('watch.chartImage', {
            count: points.length,
            breaches: model.breaches,
            last: format.number(model.last),
            unit,
          })}
        </title>
        {ticks.map((value) => (
          <g key={value}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="grid" />
            <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" className="axis-label">
              {format.number(value, { maximumFractionDigits: 1 })}
            </text>
          </g>
        ))}
        {model.threshold !== null ? (
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(model.threshold)}
            y2={y(model.threshold)}
            className="check-reference"
          />
        ) : (
          runs(points, (p) => p.reference).map(({ key, points: run }) =>
            run.length === 1 ? (
              <circle
                key={key}
                cx={x(key)}
                cy={y(run[0]?.reference ?? 0)}
                r={2.5}
                className="check-reference-point"
              />
            ) : (
              <polyline key={key} points={line(run, (p) => p.reference)} className="check-reference" />
            ),
          )
        )}
        {runs(points, (p) => p.value).map(({ key, points: run }) => (
          <polyline key={key} points={line(run, (p) => p.value)} className="check-line" />
        ))}
        {points.map((p) =>
          p.value === null ? null : p.outcome === 'breach' ? (
            <rect
              key={p.at}
              x={x(p.at) - BREACH_SIZE / 2}
              y={y(p.value) - BREACH_SIZE / 2}
              width={BREACH_SIZE}
              height={BREACH_SIZE}
              className="check-breach"
            />
          ) : (
            <circle
              key={p.at}
              cx={x(p.at)}
              cy={y(p.value)}
              r={3.5}
              className={p.outcome === 'within' ? 'check-within' : 'check-inconclusive'}
            />
          ),
        )}
        <text
          x={x(xs.min)}
          y={HEIGHT - 8}
          textAnchor={points.length > 1 ? 'start' : 'middle'}
          className="axis-label"
        >
          {when(xs.min)}
        </text>
        {points.length > 1 && (
          <text x={x(xs.max)} y={HEIGHT - 8} textAnchor="end" className="axis-label">
            {when(xs.max)}
          </text>
        )}
      </svg>
      <figcaption>
        <ul className="chart-key" aria-label={t('watch.chartKey')}>
          <li>
            <span className="key-line key-value" aria-hidden="true" /> {t('watch.keyValue', { unit })}
          </li>
          <li>
            <span className="key-line key-reference" aria-hidden="true" />{' '}
            {model.threshold !== null
              ? t('watch.keyThreshold', { value: format.number(model.threshold), unit })
              : t('watch.keyBaseline')}
          </li>
          <li>
            <span className="key-mark key-breach" aria-hidden="true" /> {t('watch.keyBreach')}
          </li>
          <li>
            <span className="key-mark key-inconclusive" aria-hidden="true" /> {t('watch.keyInconclusive')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

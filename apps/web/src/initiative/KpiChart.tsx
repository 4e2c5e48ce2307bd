import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Initiative, Kpi } from '../api/types';
import { useFormat } from '../i18n/format';
import { ErrorNotice } from '../ui/ErrorNotice';
import { type ChartWindow, shapeChart } from './chart-data';
import type { ChartLabels } from './KpiChartCanvas';
import { seriesQuery } from './queries';
import { useActingFor } from './acting-for';

const KpiChartCanvas = lazy(() => import('./KpiChartCanvas'));

/** The key to the shaded windows, for the kinds a chart shows. */
const WINDOW_KEYS = [
  ['baseline', 'chart.keyBaselineWindow'],
  ['evaluation', 'chart.keyEvaluation'],
  ['follow-up', 'chart.keyFollowUp'],
  ['open', 'chart.keyOpen'],
] as const;

const HOUR_SECONDS = 60 * 60;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** One KPI over the initiative's life: the chart, and the same in words for those who cannot see it. */
export function KpiChart({ initiative, kpi }: { initiative: Initiative; kpi: Kpi }) {
  const { t } = useTranslation();
  const format = useFormat();
  const captionId = useId();
  const { state, register } = initiative;
  const onBehalfOf = useActingFor();
  const series = useQuery(seriesQuery(register.id, kpi.name, onBehalfOf));
  const baseline =
    state.baseline.find((b) => b.kpi === kpi.name) ?? register.baselines.find((b) => b.kpi === kpi.name);
  const openWindow =
    state.phase === 'Evaluating' && state.evaluationWindow
      ? state.evaluationWindow
      : state.phase === 'Assessing' && state.assessmentWindow
        ? state.assessmentWindow
        : null;

  const model = useMemo(
    () =>
      series.data
        ? shapeChart({
            kpi,
            series: series.data,
            baseline,
            evaluations: register.evaluations,
            followUps: register.followUps,
            openWindow,
            now: series.dataUpdatedAt,
          })
        : null,
    [kpi, series.data, series.dataUpdatedAt, baseline, register.evaluations, register.followUps, openWindow],
  );

  const labels = useMemo<ChartLabels>(() => {
    const seconds = new Intl.DateTimeFormat(format.locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const minutes = new Intl.DateTimeFormat(format.locale, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    const day = new Intl.DateTimeFormat(format.locale, { month: 'short', day: 'numeric' });
    const full = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'medium' });
    const windowLabel = (w: ChartWindow): string => {
      const observed = format.number(w.observed);
      if (w.kind === 'baseline') return t('chart.baselineLabel', { value: observed });
      const verdict = w.verdict ? t(`verdict.${w.verdict}`) : '';
      return w.kind === 'follow-up'
        ? t('chart.followUpLabel', { n: w.review ?? 0, value: observed, verdict })
        : t('chart.evaluationLabel', { cycle: w.cycle ?? 0, value: observed, verdict });
    };
    return {
      time: t('chart.time'),
      value: t('chart.valueLabel', { kpi: kpi.name, unit: kpi.unit }),
      baseline: t('chart.baseline'),
      target: t('chart.target'),
      window: windowLabel,
      formatTime: (s, span) =>
        (span === 0
          ? full
          : span > 7 * DAY_SECONDS
            ? day
            : span > 2 * HOUR_SECONDS
              ? minutes
              : seconds
        ).format(s * 1000),
      formatValue: (v) => format.number(v, { maximumFractionDigits: 2 }),
    };
  }, [format, t, kpi.name, kpi.unit]);

  const summary = model
    ? [
        baseline
          ? t('chart.summaryBaseline', {
              value: format.number(baseline.value),
              samples: baseline.samples,
              unit: kpi.unit,
            })
          : t('chart.summaryNoBaseline'),
        model.target !== null
          ? t('chart.summaryTarget', { value: format.number(model.target), unit: kpi.unit })
          : null,
        ...model.windows.filter((w) => w.kind !== 'baseline' && w.kind !== 'open').map(labels.window),
        model.points === 0 ? t('chart.noSamples') : t('chart.summaryPoints', { count: model.points }),
      ].filter((line): line is string => !!line)
    : [];

  return (
    <figure className="chart card" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <span className="chart-title">
          {kpi.name} <span className="muted">({kpi.unit})</span>
        </span>
        <span className="muted small">
          {t(`direction.${kpi.direction}`)} · {t(`aggregate.${kpi.aggregate}`)}
        </span>
      </figcaption>
      <ErrorNotice error={series.error} />
      {model && (
        <Suspense fallback={<div className="chart-canvas chart-loading">{t('common.loading')}</div>}>
          <KpiChartCanvas model={model} labels={labels} />
        </Suspense>
      )}
      {!model && !series.error && <div className="chart-canvas chart-loading">{t('common.loading')}</div>}
      {model && model.windows.length > 0 && (
        <ul className="chart-key" aria-label={t('chart.keyLabel')}>
          {WINDOW_KEYS.filter(([kind]) => model.windows.some((w) => w.kind === kind)).map(([kind, label]) => (
            <li key={kind}>
              <span className={`swatch swatch-${kind}`} aria-hidden="true" /> {t(label)}
            </li>
          ))}
        </ul>
      )}
      {summary.length > 0 && (
        <ul className="chart-summary">
          {summary.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterRecord } from '../api/types';
import { useFormat } from '../i18n/format';
import { VerdictBadge } from '../ui/badges';
import { TableRegion } from '../ui/TableRegion';

/** Every evaluation and follow-up review, with the statistics a reviewer checks. */
export function EvaluationTable({ register }: { register: RegisterRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const captionId = useId();
  const rows = [...register.evaluations].sort(
    (a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.kpi.localeCompare(b.kpi),
  );
  const pValue = (p: number | null) =>
    p === null
      ? '—'
      : p < 0.001
        ? `< ${format.number(0.001, { maximumFractionDigits: 3 })}`
        : format.number(p, { maximumSignificantDigits: 3 });
  const testName = (test: string | null) =>
    test === 'welch-t' || test === 'mann-whitney-u' ? t(`evaluations.test.${test}`) : (test ?? '—');
  if (rows.length === 0) return <p className="muted">{t('evaluations.none')}</p>;
  // One KPI (the usual case) needs no column of its own: the chart above names it.
  const severalKpis = new Set(rows.map((row) => row.kpi)).size > 1;
  const sameDay = (a: string, b: string) => format.date(a) === format.date(b);
  return (
    <TableRegion label={t('initiative.evaluationsTitle')}>
      <table className="data-table evaluation-table">
        <caption id={captionId}>{t('evaluations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluations.col.review')}</th>
            {severalKpis && <th scope="col">{t('evaluations.col.kpi')}</th>}
            <th scope="col">{t('evaluations.col.window')}</th>
            <th scope="col" className="numeric">
              {t('evaluations.col.baseline')}
            </th>
            <th scope="col" className="numeric">
              {t('evaluations.col.target')}
            </th>
            <th scope="col" className="numeric">
              {t('evaluations.col.observed')}
            </th>
            <th scope="col" className="numeric">
              {t('evaluations.col.samples')}
            </th>
            <th scope="col" className="numeric">
              {t('evaluations.col.change')}
            </th>
            <th scope="col">{t('evaluations.col.test')}</th>
            <th scope="col" className="numeric">
              {t('evaluations.col.pValue')}
            </th>
            <th scope="col">{t('evaluations.col.interval')}</th>
            <th scope="col">{t('evaluations.col.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const followUp =
              row.kind === 'follow-up'
                ? register.followUps.find((f) => f.cycle === row.cycle && f.number === row.reviewNumber)
                : undefined;
            return (
              <tr key={`${row.cycle}-${row.kind}-${row.reviewNumber}-${row.kpi}`}>
                <th scope="row">
                  {row.kind === 'evaluation'
                    ? t('evaluations.evaluationOf', { cycle: row.cycle })
                    : t('evaluations.followUpOf', { n: row.reviewNumber, cycle: row.cycle })}
                </th>
                {severalKpis && <td>{row.kpi}</td>}
                <td>
                  <time className="nowrap" dateTime={row.windowFrom}>
                    {format.dateTime(row.windowFrom, { seconds: true })}
                  </time>
                  <br />
                  <time className="muted small nowrap" dateTime={row.windowTo}>
                    {t('evaluations.until', {
                      when: sameDay(row.windowFrom, row.windowTo)
                        ? format.time(row.windowTo)
                        : format.dateTime(row.windowTo, { seconds: true }),
                    })}
                  </time>
                </td>
                <td className="numeric">{format.number(row.baseline)}</td>
                <td className="numeric">{format.number(row.target)}</td>
                <td className="numeric strong">{format.number(row.observed)}</td>
                <td className="numeric">{format.number(row.samples, { maximumFractionDigits: 0 })}</td>
                <td className="numeric nowrap">
                  {format.number(row.changeAbsolute, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })}
                  {row.changePercent !== null && (
                    <span className="muted">
                      {' '}
                      (
                      {format.number(row.changePercent / 100, {
                        style: 'percent',
                        maximumFractionDigits: 1,
                        signDisplay: 'exceptZero',
                      })}
                      )
                    </span>
                  )}
                </td>
                <td className="nowrap">{testName(row.test)}</td>
                <td className="numeric nowrap">{pValue(row.pValue)}</td>
                <td className="nowrap">
                  {row.ciLow === null || row.ciHigh === null
                    ? '—'
                    : t('evaluations.interval', {
                        low: format.number(row.ciLow),
                        high: format.number(row.ciHigh),
                      })}
                </td>
                <td>
                  <VerdictBadge verdict={followUp?.outcome === 'regression' ? 'regression' : row.verdict} />
                  {followUp?.outcome === 'regression' &&
                    register.cycles.some((c) => c.cycle === row.cycle + 1) && (
                      <span className="muted small">
                        {' '}
                        {t('evaluations.reopened', { cycle: row.cycle + 1 })}
                      </span>
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

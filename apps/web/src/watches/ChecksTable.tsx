import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { WatchCheck, WatchDefinition } from '../api/types';
import { useFormat } from '../i18n/format';
import { WatchOutcomeBadge } from '../ui/badges';
import { TableRegion } from '../ui/TableRegion';
import { useWatchText } from './watch-text';

/** Each check with its evidence, newest first: the chart's figures, and what each check did. */
export function ChecksTable({
  checks,
  definition,
  more,
}: {
  checks: readonly WatchCheck[];
  definition: WatchDefinition;
  /** More (older) checks than these exist. */
  more: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useWatchText();
  const { unit } = definition.kpi;
  const p = (value: number | undefined) => format.number(value, { maximumFractionDigits: 4 });
  return (
    <TableRegion label={t('watch.checksTitle')}>
      <table className="data-table checks-table">
        <caption>{t('watch.checksCaption', { count: checks.length, more: more ? '+' : '' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('watch.col.checkedAt')}</th>
            <th scope="col">{t('watch.col.outcome')}</th>
            <th scope="col" className="numeric">
              {t('watch.col.value', { unit })}
            </th>
            <th scope="col" className="numeric">
              {definition.rule.kind === 'threshold' ? t('watch.col.threshold') : t('watch.col.baseline')}
            </th>
            <th scope="col" className="numeric">
              {t('watch.col.change')}
            </th>
            <th scope="col" className="numeric">
              {t('watch.col.pValue')}
            </th>
            <th scope="col">{t('watch.col.test')}</th>
            <th scope="col" className="numeric">
              {t('watch.col.inARow')}
            </th>
            <th scope="col">{t('watch.col.act')}</th>
            <th scope="col">{t('watch.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => {
            const { evidence } = check;
            const against = evidence.threshold ?? evidence.baseline?.value;
            const did = text.act(check.act, check.opportunityId);
            return (
              <tr
                key={check.checkedAt}
                className={check.outcome === 'breach' ? 'check-row-breach' : undefined}
              >
                <th scope="row" className="nowrap">
                  <time dateTime={check.checkedAt}>
                    {format.dateTime(check.checkedAt, { seconds: true })}
                  </time>
                </th>
                <td>
                  <WatchOutcomeBadge outcome={check.outcome} />
                </td>
                <td className="numeric">
                  {format.number(evidence.recent.value)}
                  <span className="muted small block">
                    {t('watch.samples', { count: evidence.recent.samples })}
                  </span>
                </td>
                <td className="numeric">
                  {format.number(against)}
                  {evidence.baseline && (
                    <span className="muted small block">
                      {t('watch.samples', { count: evidence.baseline.samples })}
                    </span>
                  )}
                </td>
                <td className="numeric">{text.change(check)}</td>
                <td className="numeric">{p(evidence.pValue)}</td>
                <td>{evidence.test ? t(`watchTest.${evidence.test}`) : '—'}</td>
                <td className="numeric">
                  {t('watch.inARowValue', {
                    breaches: format.number(check.consecutive),
                    n: format.number(definition.consecutiveChecks),
                  })}
                </td>
                <td>
                  {did && check.opportunityId ? (
                    <Link to="/opportunities/$id" params={{ id: check.opportunityId }}>
                      {did}
                    </Link>
                  ) : (
                    <span className="muted">{t('watchText.act.none')}</span>
                  )}
                </td>
                <td className="user-text">{evidence.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

import { useTranslation } from 'react-i18next';
import type { OpportunityEvent } from '../api/types';
import { useFormat } from '../i18n/format';
import { TableRegion } from '../ui/TableRegion';
import { useTrailText } from './trail-text';

/** Who did what to the opportunity and when, oldest first. */
export function OpportunityTrail({ events }: { events: readonly OpportunityEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actionName, details } = useTrailText();
  return (
    <TableRegion label={t('opportunity.trailTitle')}>
      <table className="data-table trail-table">
        <caption>{t('trail.caption', { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trail.col.when')}</th>
            <th scope="col">{t('trail.col.who')}</th>
            <th scope="col">{t('trail.col.action')}</th>
            <th scope="col">{t('trail.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <time dateTime={event.occurredAt}>
                  {format.dateTime(event.occurredAt, { seconds: true })}
                </time>
              </td>
              <td>
                {event.actor}
                {event.role && <span className="muted small"> ({event.role})</span>}
              </td>
              <th scope="row">{actionName(event.action)}</th>
              <td>
                <ul className="plain-list">
                  {details(event).map((line, index) => (
                    <li key={index} className="user-text">
                      {line}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

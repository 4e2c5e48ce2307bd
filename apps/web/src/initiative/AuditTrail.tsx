import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { useFormat } from '../i18n/format';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useActionName, useAuditDetails } from './audit-text';
import { auditQuery } from './queries';
import { TableRegion } from '../ui/TableRegion';
import { useActingFor } from './acting-for';

/** A delegate's entry: whom they stood in for (or asked to, when it was refused). */
function OnBehalfOf({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const person = (entry.details as { onBehalfOf?: unknown }).onBehalfOf;
  if (typeof person !== 'string' || person === '') return null;
  return <span className="on-behalf-of"> {t('audit.onBehalfOf', { person })}</span>;
}

/** Who did what and when, accepted or refused, a page at a time. */
export function AuditTrail({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actionName = useActionName();
  const details = useAuditDetails();
  const onBehalfOf = useActingFor();
  const trail = useInfiniteQuery(auditQuery(initiativeId, onBehalfOf));
  const entries = trail.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <ErrorNotice error={trail.error} />
      {trail.isPending && <p className="muted">{t('common.loading')}</p>}
      {entries.length > 0 && (
        <TableRegion label={t('initiative.auditTitle')}>
          <table className="data-table audit-table">
            <caption>{t('audit.caption', { count: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.when')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.outcome')}</th>
                <th scope="col">{t('audit.col.details')}</th>
                <th scope="col">{t('audit.col.requestId')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className={entry.outcome === 'refused' ? 'refused' : undefined}>
                  <td className="nowrap">
                    <time dateTime={entry.occurredAt}>
                      {format.dateTime(entry.occurredAt, { seconds: true })}
                    </time>
                  </td>
                  <td>
                    {entry.actor}
                    <OnBehalfOf entry={entry} />
                    {entry.role && <span className="muted small"> ({entry.role})</span>}
                  </td>
                  <th scope="row" className="audit-action">
                    {actionName(entry.action)}
                    <span className="muted small"> · {t('audit.cycle', { cycle: entry.cycle })}</span>
                  </th>
                  <td>
                    <span
                      className={`badge ${entry.outcome === 'refused' ? 'badge-danger' : 'badge-success'}`}
                    >
                      {t(`audit.outcome.${entry.outcome}`)}
                    </span>
                  </td>
                  <td>
                    <ul className="plain-list">
                      {details(entry).map((line, index) => (
                        <li key={index} className="user-text">
                          {line}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {entry.requestId ? <code className="request-id-code">{entry.requestId}</code> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {trail.isSuccess && entries.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {trail.hasNextPage && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={trail.isFetchingNextPage}
            onClick={() => void trail.fetchNextPage()}
          >
            {trail.isFetchingNextPage ? t('common.loading') : t('audit.more')}
          </button>
        </div>
      )}
    </>
  );
}

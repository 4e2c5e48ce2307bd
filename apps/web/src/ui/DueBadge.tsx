import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { dueStatus } from './due';

/** A deadline: when, how far from now, and a badge when it is overdue or due soon. */
export function DueBadge({ dueAt, now }: { dueAt: string | null | undefined; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = dueStatus(dueAt, now);
  if (status === 'none' || !dueAt) return <span className="muted">{t('due.none')}</span>;
  return (
    <span className="due">
      {status === 'overdue' && <span className="badge badge-danger">{t('due.overdue')}</span>}
      {status === 'due-soon' && <span className="badge badge-warning">{t('due.soon')}</span>}{' '}
      <time dateTime={dueAt} title={format.dateTime(dueAt, { seconds: true })}>
        {t('due.at', { when: format.relative(dueAt, now) })}
      </time>
    </span>
  );
}

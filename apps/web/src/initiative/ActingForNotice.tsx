import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { delegationStatus, personLabel } from '../people/person-label';
import { useMe } from '../people/queries';
import { useNow } from '../ui/use-now';

/**
 * Said at the top of an initiative opened for someone the reader stands in for: whom they act
 * for here, until when, and the way back to acting as themselves.
 */
export function ActingForNotice({ initiativeId, person }: { initiativeId: string; person: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe().data;
  const delegator = me?.standingInFor.find((p) => p.id === person);
  const now = useNow(30_000);
  const running = me?.delegations.received.find(
    (d) => d.delegator === person && delegationStatus(d, now) === 'running',
  );
  const name = personLabel(delegator, person);
  return (
    <div className="notice notice-info acting-for" role="note">
      <p className="notice-title">{t('actingFor.title', { name })}</p>
      <p>
        {running
          ? t('actingFor.until', { name, until: format.dateTime(running.endsAt) })
          : t('actingFor.body', { name })}{' '}
        <Link to="/initiatives/$id" params={{ id: initiativeId }}>
          {t('actingFor.asYourself')}
        </Link>
      </p>
    </div>
  );
}

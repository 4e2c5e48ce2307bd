import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useSession } from '../auth/session';
import { useFormat } from '../i18n/format';
import { delegationOpen } from '../people/person-label';
import { meQuery } from '../people/queries';
import { PageQueryState } from '../ui/PageQueryState';
import { PageSection } from '../ui/PageSection';
import { useDocumentTitle } from '../ui/use-document-title';
import { useNow } from '../ui/use-now';
import { DelegationForm } from './DelegationForm';
import { GivenDelegations, ReceivedDelegations } from './Delegations';
import { PreferencesForm } from './PreferencesForm';

/** The person as the directory has them: what their waits and emails go by. */
function AsTheDirectoryHasYou({ me }: { me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { person } = me;
  const none = <span className="muted">{t('settings.none')}</span>;
  return (
    <dl className="facts facts-inline settings-facts">
      <div>
        <dt>{t('settings.name')}</dt>
        <dd>
          {person.displayName ?? none} <span className="row-id">{person.id}</span>
        </dd>
      </div>
      <div>
        <dt>{t('settings.email')}</dt>
        <dd>{person.email ?? none}</dd>
      </div>
      <div>
        <dt>{t('settings.roles')}</dt>
        <dd>{person.roles.length > 0 ? format.list(person.roles) : none}</dd>
      </div>
      <div>
        <dt>{t('settings.departments')}</dt>
        <dd>{person.departments.length > 0 ? format.list(person.departments) : none}</dd>
      </div>
      <div>
        <dt>{t('settings.locale')}</dt>
        <dd>{t(`language.names.${person.locale}`)}</dd>
      </div>
    </dl>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  // What others changed (a delegation to the person, say) shows when the page opens.
  const signedIn = !!useSession();
  const me = useQuery({ ...meQuery, enabled: signedIn, refetchOnMount: 'always' });
  const now = useNow(30_000);
  useDocumentTitle(t('settings.title'));
  if (!me.isSuccess)
    return (
      <PageQueryState
        error={me.error}
        notFoundTitle={t('settings.errorTitle')}
        notFoundBody={t('settings.notInDirectory')}
        errorTitle={t('settings.errorTitle')}
        back={<Link to="/">{t('notFound.back')}</Link>}
      />
    );
  const received = <ReceivedDelegations delegations={me.data.delegations.received} />;
  const standingIn = me.data.delegations.received.some((d) => delegationOpen(d, now));
  return (
    <>
      <div className="page-header">
        <h1>{t('settings.title')}</h1>
        <p className="lead">{t('settings.lead')}</p>
        <AsTheDirectoryHasYou me={me.data} />
        <p className="muted small">{t('settings.directoryNote')}</p>
      </div>
      <PageSection id="notifications" title={t('settings.notificationsTitle')}>
        {/* The choices as the gateway has them: its answer (after a save, or read anew) starts afresh. */}
        <PreferencesForm key={JSON.stringify(me.data.preferences)} preferences={me.data.preferences} />
      </PageSection>
      <PageSection id="away" title={t('settings.awayTitle')} className="away">
        {/* Whom the person stands in for comes first when there is anyone, else last. */}
        {standingIn && received}
        <DelegationForm me={me.data} />
        <GivenDelegations delegations={me.data.delegations.given} />
        {!standingIn && received}
      </PageSection>
    </>
  );
}

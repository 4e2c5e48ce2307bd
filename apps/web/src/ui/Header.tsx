import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLE, holdsRole, session, useSession } from '../auth/session';
import { useMyWork } from '../my-work/queries';
import { LanguageSwitch } from './LanguageSwitch';

function WorkCount() {
  const { t } = useTranslation();
  const work = useMyWork();
  const count = work.data?.actionable.length;
  if (count === undefined) return null;
  return (
    <>
      <span className={`count${count > 0 ? ' count-active' : ''}`} aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{t('nav.waitingCount', { count })}</span>
    </>
  );
}

export function Header() {
  const { t } = useTranslation();
  const current = useSession();
  const navigate = useNavigate();
  const person = current?.person;
  return (
    <header className="app-header">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <div className="header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        {person && (
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              <li>
                <Link to="/" activeOptions={{ exact: true, includeSearch: false }}>
                  {t('nav.myWork')} <WorkCount />
                </Link>
              </li>
              <li>
                <Link to="/register" activeOptions={{ includeSearch: false }}>
                  {t('nav.register')}
                </Link>
              </li>
              <li>
                <Link to="/opportunities" activeOptions={{ includeSearch: false }}>
                  {t('nav.opportunities')}
                </Link>
              </li>
              <li>
                <Link to="/portfolio" activeOptions={{ includeSearch: false }}>
                  {t('nav.portfolio')}
                </Link>
              </li>
              {holdsRole(person, 'improvement-manager') && (
                <li>
                  <Link to="/new">{t('nav.newInitiative')}</Link>
                </li>
              )}
              {holdsRole(person, ADMIN_ROLE) && (
                <li>
                  <Link to="/people" activeOptions={{ includeSearch: false }}>
                    {t('nav.people')}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <LanguageSwitch />
          {person && (
            <div className="person">
              <p className="person-name">
                <span className="visually-hidden">{t('person.signedInAs')} </span>
                {person.name ?? person.sub}
              </p>
              <p className="person-roles">
                <span className="visually-hidden">{t('person.roles')} </span>
                {person.roles.length > 0 ? person.roles.join(', ') : t('person.noRoles')}
              </p>
            </div>
          )}
          {person && (
            <Link to="/settings" className="button button-quiet settings-link">
              {t('nav.settings')}
            </Link>
          )}
          {person && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                session.end('signed-out');
                void navigate({ to: '/sign-in', replace: true });
              }}
            >
              {t('person.signOut')}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}

import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Persona, SignInConfig } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { nameList } from '../ui/name-list';
import { useDocumentTitle } from '../ui/use-document-title';
import { readClaims } from './claims';
import { devSignIn, type DevPerson } from './dev-sign-in';
import { safeReturnTo } from './return-to';
import { type EndReason, session } from './session';
import { useSignInConfig } from './sign-in-config';

function useFinish() {
  const navigate = useNavigate();
  const { returnTo } = useSearch({ from: '/sign-in' });
  return () => void navigate({ href: safeReturnTo(returnTo), replace: true });
}

function PersonaList({
  personas,
  onPick,
  busy,
}: {
  personas: Persona[];
  onPick: (p: DevPerson) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('signIn.personasTitle')}</h2>
      <ul className="persona-list">
        {personas.map((persona) => (
          <li key={persona.sub}>
            <button type="button" className="persona" disabled={busy} onClick={() => onPick({ ...persona })}>
              <span className="persona-name">{persona.name}</span>
              <span className="persona-meta">
                {t('signIn.personaMeta', {
                  roles: persona.roles.join(', ') || t('person.noRoles'),
                  departments: persona.departments.join(', ') || '—',
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SomeoneElse({ onPick, busy }: { onPick: (p: DevPerson) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [sub, setSub] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState('');
  const [departments, setDepartments] = useState('');
  const [missing, setMissing] = useState(false);
  const headingId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sub.trim()) return setMissing(true);
    onPick({
      sub: sub.trim(),
      ...(name.trim() ? { name: name.trim() } : {}),
      roles: nameList(roles),
      departments: nameList(departments),
    });
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('signIn.someoneElseTitle')}</h2>
      <form className="form-grid" onSubmit={submit} noValidate>
        <Field label={t('signIn.sub')} error={missing ? t('signIn.subRequired') : null}>
          {(props) => (
            <input {...props} value={sub} autoComplete="username" onChange={(e) => setSub(e.target.value)} />
          )}
        </Field>
        <Field label={t('signIn.name')}>
          {(props) => (
            <input {...props} value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label={t('signIn.roles')} hint={t('signIn.listHint')}>
          {(props) => <input {...props} value={roles} onChange={(e) => setRoles(e.target.value)} />}
        </Field>
        <Field label={t('signIn.departments')} hint={t('signIn.listHint')}>
          {(props) => (
            <input {...props} value={departments} onChange={(e) => setDepartments(e.target.value)} />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('signIn.signInAs')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DevelopmentSignIn({ config }: { config: SignInConfig }) {
  const { t } = useTranslation();
  const finish = useFinish();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pick = async (person: DevPerson) => {
    setBusy(true);
    setError(null);
    try {
      session.start(await devSignIn(person));
      finish();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="lead">{t('signIn.developmentLead')}</p>
      <ErrorNotice error={error} />
      <PersonaList personas={config.personas} onPick={(p) => void pick(p)} busy={busy} />
      <SomeoneElse onPick={(p) => void pick(p)} busy={busy} />
    </>
  );
}

function OidcSignIn({ config }: { config: SignInConfig }) {
  const { t } = useTranslation();
  const { returnTo } = useSearch({ from: '/sign-in' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const oidc = config.oidc;
  if (!oidc) return null;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { startOidcSignIn } = await import('./oidc');
      await startOidcSignIn(oidc, safeReturnTo(returnTo));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <>
      <p className="lead">{t('signIn.oidcLead', { provider: new URL(oidc.issuer).host })}</p>
      {error ? <ErrorNotice error={error} title={t('signIn.oidcFailed')} /> : null}
      <button
        type="button"
        className="button button-primary button-large"
        disabled={busy}
        onClick={() => void start()}
      >
        {busy ? t('signIn.redirecting') : t('signIn.oidcButton')}
      </button>
    </>
  );
}

function TokenSignIn() {
  const { t } = useTranslation();
  const finish = useFinish();
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const claims = readClaims(token);
    if (!claims || (claims.expiresAt !== null && claims.expiresAt <= Date.now())) return setInvalid(true);
    const { expiresAt, ...person } = claims;
    session.start({ token: token.trim(), person, via: 'token', expiresAt });
    finish();
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate>
      <p className="lead">{t('signIn.tokenLead')}</p>
      <Field
        label={t('signIn.token')}
        hint={t('signIn.tokenHint')}
        error={invalid ? t('signIn.tokenInvalid') : null}
      >
        {(props) => (
          <textarea
            {...props}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            className="monospace"
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
              setInvalid(false);
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('signIn.useToken')}
        </button>
      </div>
    </form>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const config = useSignInConfig();
  const [ended] = useState<EndReason | null>(() => session.takeEndReason());
  useDocumentTitle(t('signIn.title'));
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t('signIn.title')}</h1>
      </div>
      {ended === 'expired' && (
        <p className="notice notice-info" role="status">
          {t('signIn.expired')}
        </p>
      )}
      {ended === 'signed-out' && (
        <p className="notice notice-info" role="status">
          {t('signIn.signedOut')}
        </p>
      )}
      {config.isPending && <p className="muted">{t('common.loading')}</p>}
      <ErrorNotice error={config.error} />
      {config.data?.signIn === 'development' && <DevelopmentSignIn config={config.data} />}
      {config.data?.signIn === 'oidc' && <OidcSignIn config={config.data} />}
      {config.data?.signIn === 'token' && <TokenSignIn />}
    </div>
  );
}

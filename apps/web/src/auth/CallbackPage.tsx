import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useDocumentTitle } from '../ui/use-document-title';
import { completeOidcSignIn, OidcSignInError } from './oidc';
import { safeReturnTo } from './return-to';
import { session } from './session';
import { useSignInConfig } from './sign-in-config';

/** /app/callback: the provider sends the person back here with the code. */
export function CallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const config = useSignInConfig();
  const [failure, setFailure] = useState<unknown>(null);
  const started = useRef(false);
  useDocumentTitle(t('signIn.callbackTitle'));
  const oidc = config.data?.oidc;

  useEffect(() => {
    if (!oidc || started.current) return;
    started.current = true;
    completeOidcSignIn(oidc, new URL(window.location.href))
      .then(({ session: next, returnTo }) => {
        session.start(next);
        void navigate({ href: safeReturnTo(returnTo), replace: true });
      })
      .catch((error: unknown) => setFailure(error));
  }, [oidc, navigate]);

  const reason =
    failure instanceof OidcSignInError
      ? failure.reason === 'provider-refused'
        ? t('signIn.providerRefused', { detail: failure.detail ?? '' })
        : failure.reason === 'no-pending-sign-in'
          ? t('signIn.noPendingSignIn')
          : t('signIn.oidcFailed')
      : failure
        ? t('signIn.oidcFailed')
        : null;
  return (
    <div className="narrow">
      <h1>{t('signIn.callbackTitle')}</h1>
      <ErrorNotice error={config.error} />
      {!reason && <p role="status">{t('signIn.completing')}</p>}
      {reason && (
        <div className="notice notice-error" role="alert">
          <p>{reason}</p>
          <p>
            <a href="/app/sign-in">{t('signIn.tryAgain')}</a>
          </p>
        </div>
      )}
      {config.data && !oidc && <p className="notice notice-error">{t('signIn.notOidc')}</p>}
    </div>
  );
}

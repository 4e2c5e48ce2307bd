import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { useErrorMessage } from './error-message';

/** What went wrong, in the person's language where the code is known, with the request id. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="notice notice-error" role="alert">
      {title && <p className="notice-title">{title}</p>}
      <p>{message(error)}</p>
      {requestId && (
        <p className="request-id">
          {t('errors.requestId')} <code>{requestId}</code>
        </p>
      )}
    </div>
  );
}

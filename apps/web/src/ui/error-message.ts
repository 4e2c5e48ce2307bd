import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';

/** The sentence for an error: the code's own translation, else the gateway's message. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) {
        const key = `errorCodes.${error.code}`;
        if (i18n.exists(key))
          return t(key as 'errorCodes.INVALID_INPUT', { retryAfter: error.retryAfterSeconds ?? 1 });
        return error.message || t('errors.unexpected');
      }
      return t('errors.unexpected');
    },
    [t, i18n],
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from './ErrorNotice';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * What a page about one record shows until the record is there: that it is loading, that there
 * is no such record, or what went wrong; with the way back either way.
 */
export function PageQueryState({
  error,
  notFoundTitle,
  notFoundBody,
  errorTitle,
  back,
  notFound = isNotFound,
}: {
  /** The query's error; none while it loads. */
  error: unknown;
  notFoundTitle: string;
  notFoundBody: string;
  errorTitle: string;
  back: ReactNode;
  /** Which errors mean there is no such record (a 404 unless told). */
  notFound?: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  if (!error) return <p className="muted">{t('common.loading')}</p>;
  const missing = notFound(error);
  return (
    <div className="narrow">
      <h1>{missing ? notFoundTitle : errorTitle}</h1>
      {missing ? <p>{notFoundBody}</p> : <ErrorNotice error={error} />}
      {back}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from './ErrorNotice';

/** The summary's id: a send that its checks stop moves the focus there. */
export const FORM_PROBLEMS_ID = 'form-problems';

/**
 * The top of a long form: how many fields need attention (found by its checks or by the API),
 * the API's refusal when no field explains it, and the API's problems that match no field.
 */
export function FormProblems({
  problems,
  fields,
  other = [],
  error,
  forbiddenTitle,
}: {
  /** The form's own checks, by field. */
  problems: object;
  /** The API's errors at the form's fields. */
  fields: Record<string, string>;
  other?: readonly string[];
  error: unknown;
  /** Said above the error when the API forbids it (403). */
  forbiddenTitle?: string;
}) {
  const { t } = useTranslation();
  const count = Object.keys(problems).length + Object.keys(fields).length;
  const forbidden = forbiddenTitle !== undefined && error instanceof ApiError && error.status === 403;
  return (
    <div id={FORM_PROBLEMS_ID} tabIndex={-1}>
      {count > 0 && (
        <p className="notice notice-error" role="alert">
          {t('form.problems', { count })}
        </p>
      )}
      {forbidden ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{forbiddenTitle}</p>
          <ErrorNotice error={error} />
        </div>
      ) : (
        !!error && Object.keys(fields).length === 0 && <ErrorNotice error={error} />
      )}
      {other.length > 0 && (
        <ul className="notice notice-error">
          {other.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

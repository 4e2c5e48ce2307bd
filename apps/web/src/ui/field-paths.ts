import { ApiError } from '../api/api-error';

/** `kpis[0].target.value` → `kpis.0.target.value`: the form's name for a field the API names. */
export function normalizeFieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * The API's field errors by the form's field names (`rename` maps an API path to the form's, or
 * null for none); what matches no field is returned apart, for the summary.
 */
export function fieldErrorsOf(
  error: unknown,
  rename: (path: string) => string | null = (path) => path,
): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { fields, other };
  for (const detail of error.details) {
    const name = detail.field ? rename(normalizeFieldPath(detail.field)) : null;
    if (name && !(name in fields)) fields[name] = detail.message;
    else if (!name) other.push(detail.field ? `${detail.field}: ${detail.message}` : detail.message);
  }
  return { fields, other };
}

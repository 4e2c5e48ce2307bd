import { ApplicationFailure } from '@temporalio/activity';

/** Error types the workflow's retry profiles name as non-retryable. */
export const RegisterErrorType = {
  INITIATIVE_NOT_FOUND: 'INITIATIVE_NOT_FOUND',
  BAD_DATA: 'REGISTER_BAD_DATA',
} as const;

/**
 * PostgreSQL's data-exception (22) and integrity-constraint (23) classes cannot be fixed by a
 * retry: they become non-retryable failures with a named type. Everything else (connection loss,
 * timeouts, serialization failures) is rethrown for the retry profile to retry.
 */
export function classifyDatabaseError(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'))) {
    throw ApplicationFailure.create({
      type: RegisterErrorType.BAD_DATA,
      message: `register refused the write (${code}): ${(error as Error).message}`,
      nonRetryable: true,
    });
  }
  throw error;
}

export function initiativeNotFound(initiativeId: string): never {
  throw ApplicationFailure.create({
    type: RegisterErrorType.INITIATIVE_NOT_FOUND,
    message: `initiative '${initiativeId}' is not in the register`,
    nonRetryable: true,
  });
}

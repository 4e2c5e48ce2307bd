import { ApplicationFailure } from '@temporalio/activity';
import { ActivityErrorType, RegisterErrorCode } from '@cio/contracts';
import { RegisterError } from '@cio/persistence';

/**
 * PostgreSQL's data-exception (22) and integrity-constraint (23) classes cannot be fixed by a
 * retry, nor can an initiative the register does not know: they become non-retryable failures
 * with a named type. Everything else (connection loss, timeouts, serialization failures) is
 * rethrown for the retry profile to retry.
 */
export function classifyDatabaseError(error: unknown): never {
  if (error instanceof RegisterError && error.code === RegisterErrorCode.INITIATIVE_NOT_FOUND) {
    throw ApplicationFailure.create({
      type: ActivityErrorType.INITIATIVE_NOT_FOUND,
      message: error.message,
      nonRetryable: true,
    });
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'))) {
    throw ApplicationFailure.create({
      type: ActivityErrorType.BAD_DATA,
      message: `register refused the write (${code}): ${(error as Error).message}`,
      nonRetryable: true,
    });
  }
  throw error;
}

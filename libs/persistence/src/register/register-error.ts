import { type FieldProblem, RegisterErrorCode } from '@cio/contracts';

/** A refusal from the register, as a value with a code; the gateway maps codes to HTTP statuses. */
export class RegisterError extends Error {
  constructor(
    readonly code: RegisterErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'RegisterError';
  }
}

/** The refusal for an initiative the register does not have (or the caller may not see). */
export function initiativeNotFound(id: string): RegisterError {
  return new RegisterError(RegisterErrorCode.INITIATIVE_NOT_FOUND, `initiative '${id}' was not found`);
}

import type { FieldProblem, RegisterErrorCode } from '@cio/contracts';

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

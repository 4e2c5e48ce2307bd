import type { Response } from 'express';
import type { CommandResult } from './initiative-commands.service';

/** Answers with the command's status (201 on create, the stored status on an idempotent replay). */
export function respond<T>(response: Response, result: CommandResult<T>): T {
  response.status(result.status);
  return result.body;
}

import { HttpStatus } from '@nestjs/common';
import type { InitiativeErrorCode, RegisterErrorCode } from '@cio/contracts';

/** The HTTP status of every refusal code the domain, the workflow and the register give: the one table. */
export const STATUS_OF_CODE: Record<InitiativeErrorCode | RegisterErrorCode, number> = {
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  INVALID_DEFINITION: HttpStatus.UNPROCESSABLE_ENTITY,
  DEPARTMENT_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  REASON_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  ROLE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  ROLE_NOT_HELD: HttpStatus.FORBIDDEN,
  ROLE_NOT_IN_POLICY: HttpStatus.FORBIDDEN,
  DEPARTMENT_NOT_RESPONSIBLE: HttpStatus.FORBIDDEN,
  NOT_THE_TRAINEE: HttpStatus.FORBIDDEN,
  INITIATIVE_CLOSED: HttpStatus.CONFLICT,
  INITIATIVE_PAUSED: HttpStatus.CONFLICT,
  NOT_IN_PLANNING: HttpStatus.CONFLICT,
  PLAN_NOT_AWAITING_APPROVAL: HttpStatus.CONFLICT,
  PLAN_VERSION_SUPERSEDED: HttpStatus.CONFLICT,
  ROLE_ALREADY_DECIDED: HttpStatus.CONFLICT,
  NOT_IMPLEMENTING: HttpStatus.CONFLICT,
  TASK_ALREADY_DONE: HttpStatus.CONFLICT,
  TRAINING_ALREADY_COMPLETED: HttpStatus.CONFLICT,
  NOT_PAUSABLE: HttpStatus.CONFLICT,
  NOT_PAUSED: HttpStatus.CONFLICT,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  TRAINEE_NOT_FOUND: HttpStatus.NOT_FOUND,
  INITIATIVE_NOT_FOUND: HttpStatus.NOT_FOUND,
  KPI_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_MEASUREMENTS: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_FEEDBACK: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_QUERY: HttpStatus.BAD_REQUEST,
};

export const isKnownCode = (code: string): code is keyof typeof STATUS_OF_CODE => code in STATUS_OF_CODE;

/**
 * Why the workflow refused an action. Validators throw an ApplicationFailure whose `type` is one
 * of these codes; nothing is written to history and nothing changes. The gateway maps them to
 * HTTP statuses.
 */
export const InitiativeErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  /** A definition that cannot work (no KPI, an unsatisfiable policy, an interval below the floor). */
  INVALID_DEFINITION: 'INVALID_DEFINITION',
  /** An initiative may only be created in one of the creator's departments (unless admin). */
  DEPARTMENT_NOT_ALLOWED: 'DEPARTMENT_NOT_ALLOWED',
  INITIATIVE_CLOSED: 'INITIATIVE_CLOSED',
  INITIATIVE_PAUSED: 'INITIATIVE_PAUSED',
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  /** The caller named a role to act as that they do not hold. */
  ROLE_NOT_HELD: 'ROLE_NOT_HELD',
  NOT_IN_PLANNING: 'NOT_IN_PLANNING',
  PLAN_NOT_AWAITING_APPROVAL: 'PLAN_NOT_AWAITING_APPROVAL',
  PLAN_VERSION_SUPERSEDED: 'PLAN_VERSION_SUPERSEDED',
  ROLE_NOT_IN_POLICY: 'ROLE_NOT_IN_POLICY',
  ROLE_ALREADY_DECIDED: 'ROLE_ALREADY_DECIDED',
  REASON_REQUIRED: 'REASON_REQUIRED',
  NOT_IMPLEMENTING: 'NOT_IMPLEMENTING',
  TASK_NOT_FOUND: 'TASK_NOT_FOUND',
  TASK_ALREADY_DONE: 'TASK_ALREADY_DONE',
  DEPARTMENT_NOT_RESPONSIBLE: 'DEPARTMENT_NOT_RESPONSIBLE',
  TRAINEE_NOT_FOUND: 'TRAINEE_NOT_FOUND',
  TRAINING_ALREADY_COMPLETED: 'TRAINING_ALREADY_COMPLETED',
  NOT_THE_TRAINEE: 'NOT_THE_TRAINEE',
  NOT_PAUSABLE: 'NOT_PAUSABLE',
  NOT_PAUSED: 'NOT_PAUSED',
} as const;
export type InitiativeErrorCode = (typeof InitiativeErrorCode)[keyof typeof InitiativeErrorCode];

/** A refusal as a value: the domain returns these, the workflow turns them into failures. */
export interface Refusal {
  code: InitiativeErrorCode;
  message: string;
  /** The fields at fault, when the refusal is about the input. */
  problems?: FieldProblem[];
}

/** Why the register refused a read or a write the gateway asked for. */
export const RegisterErrorCode = {
  INITIATIVE_NOT_FOUND: 'INITIATIVE_NOT_FOUND',
  KPI_NOT_FOUND: 'KPI_NOT_FOUND',
  INVALID_MEASUREMENTS: 'INVALID_MEASUREMENTS',
  INVALID_FEEDBACK: 'INVALID_FEEDBACK',
  INVALID_QUERY: 'INVALID_QUERY',
  OPPORTUNITY_NOT_FOUND: 'OPPORTUNITY_NOT_FOUND',
  /** Triage or promotion of an opportunity that is no longer open (declined, a duplicate, promoted). */
  OPPORTUNITY_NOT_OPEN: 'OPPORTUNITY_NOT_OPEN',
  /** An opportunity becomes one initiative: a second promotion names the first. */
  OPPORTUNITY_ALREADY_PROMOTED: 'OPPORTUNITY_ALREADY_PROMOTED',
  /** A duplicate must name another open or promoted opportunity. */
  INVALID_DUPLICATE: 'INVALID_DUPLICATE',
  /** A closure code is set on a closed initiative only. */
  INITIATIVE_NOT_CLOSED: 'INITIATIVE_NOT_CLOSED',
  /** A promotion names the id of an initiative that exists already. */
  INITIATIVE_EXISTS: 'INITIATIVE_EXISTS',
  WATCH_NOT_FOUND: 'WATCH_NOT_FOUND',
  WATCH_EXISTS: 'WATCH_EXISTS',
  PERSON_NOT_FOUND: 'PERSON_NOT_FOUND',
  /** A delegation to someone the directory does not know. */
  DELEGATE_UNKNOWN: 'DELEGATE_UNKNOWN',
  /** The delegator already has a delegation in that time range. */
  DELEGATION_OVERLAPS: 'DELEGATION_OVERLAPS',
  DELEGATION_NOT_FOUND: 'DELEGATION_NOT_FOUND',
  /** Acting for someone without a delegation of theirs running now. */
  NOT_DELEGATED: 'NOT_DELEGATED',
} as const;
export type RegisterErrorCode = (typeof RegisterErrorCode)[keyof typeof RegisterErrorCode];

/** One bad field, named by its path in the request (e.g. `samples[3].value`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Why an activity failed for good: the register refused the data, or does not know the
 * initiative. Activities throw these as non-retryable failures; the retry profiles name them.
 */
export const ActivityErrorType = {
  INITIATIVE_NOT_FOUND: 'INITIATIVE_NOT_FOUND',
  BAD_DATA: 'REGISTER_BAD_DATA',
  /** A data source refused a KPI's query or answered what is no series. */
  DATA_SOURCE_REFUSED: 'DATA_SOURCE_REFUSED',
  /** A data source could not be reached or failed (retried until the window's patience runs out). */
  DATA_SOURCE_UNAVAILABLE: 'DATA_SOURCE_UNAVAILABLE',
  /** A scheduled check of a watch the register does not know (its schedule outlived it). */
  /** A promotion names the id of an initiative that exists already. */
  INITIATIVE_EXISTS: 'INITIATIVE_EXISTS',
  WATCH_NOT_FOUND: 'WATCH_NOT_FOUND',
} as const;
export type ActivityErrorType = (typeof ActivityErrorType)[keyof typeof ActivityErrorType];

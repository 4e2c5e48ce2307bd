import type { ActivityOptions } from '@temporalio/workflow';
import { ActivityErrorType } from '@cio/contracts';

/**
 * The worker heartbeats for every running activity; an attempt whose worker died (kill -9, lost
 * host) is retried after this long without one, not after its whole start-to-close timeout.
 */
const WORKER_LOST_AFTER = '10 seconds';

/** Failures no retry can fix: the register refused the data, or does not know the initiative. */
const NON_RETRYABLE = [ActivityErrorType.BAD_DATA, ActivityErrorType.INITIATIVE_NOT_FOUND];

/**
 * Named retry and timeout profiles. Register writes are idempotent, so they retry for a long
 * time through a database outage; non-retryable failures (bad data, unknown initiative) stop at once.
 */
export const REGISTER_WRITE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

/** Window aggregates: one SQL query, possibly over a million samples. */
export const MEASUREMENT_READ: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

/** Notifications only enter the outbox here; delivery is decoupled, so they never block. */
export const NOTIFICATION: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

/**
 * A window's backfill from its data sources: each attempt bounded, retried with backoff while a
 * source is down; how long in all is the initiative's policy (collectionPatienceMs).
 */
export const DATA_COLLECTION: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [...NON_RETRYABLE, ActivityErrorType.DATA_SOURCE_REFUSED],
  },
};

/**
 * A watch's scheduled check: a pull and one transaction. It retries through a short outage; a
 * longer one loses this check (the schedule skips the next while one runs, and runs the one after).
 */
export const WATCH_CHECK: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
    nonRetryableErrorTypes: [...NON_RETRYABLE, ActivityErrorType.WATCH_NOT_FOUND],
  },
};

/** The daily digest run: one page of the directory after another; a retry enqueues nobody twice. */
export const DAILY_DIGEST: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: WORKER_LOST_AFTER,
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

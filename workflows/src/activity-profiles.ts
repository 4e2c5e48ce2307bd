import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Named retry and timeout profiles. Register writes are idempotent, so they retry for a long
 * time through a database outage; non-retryable failures (bad data, unknown initiative) stop at once.
 */
export const REGISTER_WRITE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** Window aggregates: one SQL query, possibly over a million samples. */
export const MEASUREMENT_READ: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
};

/** Notifications only enter the outbox here; delivery is decoupled, so they never block. */
export const NOTIFICATION: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

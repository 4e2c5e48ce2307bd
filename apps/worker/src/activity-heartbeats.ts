import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Heartbeats for every running activity that has a heartbeat timeout, so that an attempt whose
 * worker crashed (kill -9, lost host) is retried after that timeout instead of after its whole
 * start-to-close timeout. A live worker's activity never misses one: the heartbeat comes from the
 * process, not from the activity's code.
 */
export const heartbeatWhileRunning: ActivityInterceptorsFactory = (context) => ({
  inbound: {
    async execute(input, next) {
      const timeoutMs = context.info.heartbeatTimeoutMs;
      if (!timeoutMs) return next(input);
      // The SDK throttles what it sends to the server; a third of the timeout leaves room for a late tick.
      const timer = setInterval(() => context.heartbeat(), Math.max(100, timeoutMs / 3));
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});

import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricMeter } from '@temporalio/common';
import { gaugeOf } from './gauge';

/** How often the process's own gauges are read (cheap: no I/O). */
export const PROCESS_METRICS_INTERVAL_MS = 5_000;

/**
 * The worker process itself, which the SDK's endpoint does not report: resident memory (the main
 * thread, the workflow threads and the SDK's core together), the main thread's V8 heap, and the
 * event loop's delay (p99 over each interval) on the thread activities and deliveries run on.
 */
export class ProcessMetrics {
  private timer: NodeJS.Timeout | undefined;
  private readonly delay = monitorEventLoopDelay({ resolution: 20 });
  private readonly resident;
  private readonly heap;
  private readonly lag;

  constructor(meter: MetricMeter) {
    this.resident = gaugeOf(
      meter,
      'cio_worker_resident_memory_bytes',
      "Resident memory of the worker's process",
    );
    this.heap = gaugeOf(
      meter,
      'cio_worker_heap_used_bytes',
      "V8 heap used by the worker's main thread (activities, deliveries); workflows run in threads of their own",
    );
    this.lag = gaugeOf(
      meter,
      'cio_worker_eventloop_lag_p99_seconds',
      "The main thread's event loop delay, p99 over the last interval",
      'float',
    );
  }

  collect(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.resident.set(rss);
    this.heap.set(heapUsed);
    // Nanoseconds; NaN before the first sample.
    const p99 = this.delay.percentile(99);
    this.lag.set(Number.isFinite(p99) ? p99 / 1e9 : 0);
    this.delay.reset();
  }

  start(): void {
    this.delay.enable();
    this.collect();
    this.timer = setInterval(() => this.collect(), PROCESS_METRICS_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.delay.disable();
  }
}

import type { Logger } from '@cio/config';

/**
 * The worker's background jobs (webhook delivery, data collection): a pass now, then one every
 * `intervalMs` after the previous ended, until stopped. A pass that fails is logged, and the next
 * one comes all the same.
 */
export class PollingLoop {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly runPass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // A pass still finishing after stop() schedules the next one itself.
    if (!this.pass) this.schedule(0);
  }

  /** Stops polling and waits for the pass in flight. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pass = this.runPass()
        .then(
          () => undefined,
          (error: unknown) => this.logger.error({ err: error }, `${this.name} pass failed`),
        )
        .finally(() => {
          this.pass = undefined;
          if (this.running) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}

/** `work` on every item, at most `concurrency` at once (each worker takes the next item when done). */
export async function eachAtMost<T>(
  concurrency: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

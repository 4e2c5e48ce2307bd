import type { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '@cio/config';
import { DataSourceRefused, type DataSources } from '@cio/data-sources';
import {
  claimDueWindows,
  type DueWindow,
  recordPull,
  recordPullFailure,
  storePulledSamples,
} from '@cio/persistence';
import { eachAtMost, PollingLoop } from '../polling-loop';

/** Windows claimed per pass. */
const BATCH_SIZE = 50;
/** Windows pulled at once (each a request or two, and a write: a share of the worker's pool). */
const CONCURRENT_PULLS = 5;
/** Longest wait between pulls of a failing source (backoff doubles from the step). */
const MAX_BACKOFF_MS = 300_000;
/** Windows whose consecutive failures are remembered for their backoff. */
const MAX_REMEMBERED_FAILURES = 10_000;

export interface WindowCollectorOptions {
  dataSource: DataSource;
  dataSources: DataSources;
  logger: Logger;
  collection: AppConfig['dataCollection'];
}

/**
 * Pulls the pulled KPIs of every open window from their data sources, at the collection step,
 * beside the worker and outside any workflow (an initiative's history holds no pull). Several
 * workers share the work: each leases due windows (FOR UPDATE SKIP LOCKED), and samples are keyed
 * by source, query and instant, so none is stored twice. A window's end backfills the whole window
 * anyway (the collectWindow activity): a collector that was down loses nothing.
 */
export class WindowCollector {
  /** Consecutive failures per window, for the backoff. */
  private readonly failures = new Map<string, number>();
  private readonly loop: PollingLoop;

  constructor(private readonly options: WindowCollectorOptions) {
    this.loop = new PollingLoop(
      'collection',
      () => this.collectDue(),
      options.collection.pollIntervalMs,
      options.logger,
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: every due window's samples since it was last collected, up to now. */
  async collectDue(now = new Date()): Promise<{ pulled: number; failed: number; stored: number }> {
    const { collection } = this.options;
    // The lease outlasts a pass whose every request times out, so that no other worker claims a
    // window before this pass reaches it; a crashed worker's windows come back after it.
    const rounds = Math.ceil(BATCH_SIZE / CONCURRENT_PULLS);
    const leaseMs = Math.max(collection.stepMs, collection.timeoutMs * (rounds + 1));
    const due = await claimDueWindows(this.options.dataSource, { limit: BATCH_SIZE, leaseMs });
    const counts = { pulled: 0, failed: 0, stored: 0 };
    await eachAtMost(CONCURRENT_PULLS, due, async (window) => {
      const stored = await this.pullOne(window, now);
      if (stored === null) counts.failed++;
      else {
        counts.pulled++;
        counts.stored += stored;
      }
    });
    return counts;
  }

  private async pullOne(window: DueWindow, now: Date): Promise<number | null> {
    const { dataSource, dataSources, collection, logger } = this.options;
    const id = `${window.initiativeId}|${window.kpi}|${window.windowFrom}`;
    const until = new Date(Math.min(now.getTime(), Date.parse(window.windowTo))).toISOString();
    try {
      const samples = await dataSources.pull(window.source, { from: window.collectedUntil, to: until });
      const stored = await storePulledSamples(dataSource, {
        initiativeId: window.initiativeId,
        kpi: window.kpi,
        dataSource: window.source.dataSource,
        samples,
      });
      await recordPull(dataSource, { ...window, until, nextInMs: collection.stepMs });
      this.failures.delete(id);
      return stored;
    } catch (error) {
      const failures = (this.failures.get(id) ?? 0) + 1;
      // Bounded: windows that closed while failing are forgotten, oldest first.
      const oldest = this.failures.keys().next();
      if (this.failures.size >= MAX_REMEMBERED_FAILURES && !oldest.done) this.failures.delete(oldest.value);
      this.failures.set(id, failures);
      const retryInMs = Math.min(MAX_BACKOFF_MS, collection.stepMs * 2 ** (failures - 1));
      const message = error instanceof Error ? error.message : String(error);
      await recordPullFailure(dataSource, { ...window, error: message, retryInMs }).catch(
        (recordError: unknown) => logger.error({ err: recordError }, 'pull failure not recorded'),
      );
      const level = error instanceof DataSourceRefused ? 'error' : 'warn';
      logger[level]({ initiativeId: window.initiativeId, kpi: window.kpi, error: message }, 'pull failed');
      return null;
    }
  }
}

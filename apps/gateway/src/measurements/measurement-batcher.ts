import { type IngestResult, MAX_BATCH_SAMPLES, type SampleBatch } from '@cio/persistence';

/** Stores batches in one statement, all or none, answering each batch's counts in order. */
export type InsertBatches = (batches: readonly SampleBatch[]) => Promise<IngestResult[]>;

export interface MeasurementBatcherOptions {
  /** Statements in flight at once; batches that arrive meanwhile wait and share the next one. */
  maxStatements?: number;
  /** Samples per shared statement (a larger batch still gets one of its own). */
  maxSamples?: number;
}

/**
 * Statements in flight at once for a register pool of `poolSize` connections (DB_POOL_SIZE): up to
 * four, never more than half the pool, the rest left to other requests. More would share less and
 * gain nothing: each shared statement costs PostgreSQL about as much as a lone one.
 */
export function statementsFor(poolSize: number): number {
  return Math.max(1, Math.min(4, Math.floor(poolSize / 2)));
}

const DEFAULT_MAX_STATEMENTS = statementsFor(10);

interface Waiting extends SampleBatch {
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
  /** Refused in a shared statement: goes again in a statement of its own. */
  alone?: boolean;
}

/**
 * PostgreSQL refused a row (SQLSTATE class 22, data exception, or 23, integrity constraint): the
 * statement stored nothing, and one batch's samples are the cause. Any other failure (the server
 * gone, a timeout) would fail each batch alone just the same, or leaves unknown whether the
 * statement committed; neither is worth a retry here.
 */
function refusedRow(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

function settle(batch: Waiting, result: IngestResult | undefined): void {
  if (result) batch.resolve(result);
  else batch.reject(new Error('the register answered for fewer batches than it was sent'));
}

/**
 * Coalesces concurrent measurement ingests into shared INSERT statements: while `maxStatements`
 * are in flight, the batches that arrive wait and then go together in the next one, so a hundred
 * monitoring tools pushing one sample each cost the register a few statements, not a hundred.
 * Each batch keeps its own answer and stays all or nothing: a statement stores all of its batches
 * or none, and when PostgreSQL refuses one of them, each batch is stored again on its own (first in
 * line, still at most `maxStatements` at a time), so that only the culprit fails. Under light load a batch goes alone, without waiting.
 */
export class MeasurementBatcher {
  private readonly maxStatements: number;
  private readonly maxSamples: number;
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private flushScheduled = false;

  constructor(
    private readonly insertBatches: InsertBatches,
    options: MeasurementBatcherOptions = {},
  ) {
    this.maxStatements = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
    this.maxSamples = options.maxSamples ?? MAX_BATCH_SAMPLES;
  }

  /** Stores one batch (validated), sharing a statement with others; resolves with its own counts. */
  insert(batch: SampleBatch): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...batch, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushScheduled || this.waiting.length === 0 || this.inFlight >= this.maxStatements) return;
    this.flushScheduled = true;
    // After the current turn of the event loop: the requests read in it share one statement.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxStatements && this.waiting.length > 0) {
      const statement = this.take();
      this.inFlight++;
      void this.store(statement).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  /** The oldest waiting batches, up to `maxSamples` samples (at least one batch; one retried alone). */
  private take(): Waiting[] {
    let samples = 0;
    let count = 0;
    for (const batch of this.waiting) {
      if (count > 0 && (batch.alone || samples + batch.samples.length > this.maxSamples)) break;
      if (batch.alone) return this.waiting.splice(0, 1);
      samples += batch.samples.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async store(statement: Waiting[]): Promise<void> {
    try {
      const results = await this.insertBatches(statement);
      statement.forEach((batch, i) => settle(batch, results[i]));
    } catch (error) {
      if (statement.length === 1 || !refusedRow(error)) {
        for (const batch of statement) batch.reject(error);
        return;
      }
      // Each batch again on its own, first in line, within the same bound on statements in flight.
      this.waiting.unshift(...statement.map((batch) => ({ ...batch, alone: true })));
    }
  }
}

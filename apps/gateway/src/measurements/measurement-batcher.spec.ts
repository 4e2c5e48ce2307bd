import type { IngestResult, MeasurementSample, SampleBatch } from '@cio/persistence';
import { type InsertBatches, MeasurementBatcher, statementsFor } from './measurement-batcher';

const sample = (clientKey: string, observedAt = '2026-11-24T09:00:00Z'): MeasurementSample => ({
  kpi: 'response_minutes',
  value: 1,
  observedAt,
  clientKey,
});
const batch = (id: string, ...keys: string[]): SampleBatch => ({
  initiativeId: id,
  samples: keys.map((key) => sample(key)),
});
const counted = (b: SampleBatch): IngestResult => ({
  received: b.samples.length,
  accepted: b.samples.length,
  duplicates: 0,
});

/** A register that records each statement and answers when told to. */
function fakeRegister(fail?: (batches: readonly SampleBatch[]) => unknown) {
  const statements: string[][] = [];
  const pending: (() => void)[] = [];
  const load = { inFlight: 0, most: 0 };
  const insert: InsertBatches = (batches) => {
    statements.push(batches.map((b) => b.samples.map((s) => s.clientKey).join('+')));
    load.inFlight++;
    load.most = Math.max(load.most, load.inFlight);
    return new Promise((resolve, reject) =>
      pending.push(() => {
        load.inFlight--;
        const error = fail?.(batches);
        if (error) reject(error);
        else resolve(batches.map(counted));
      }),
    );
  };
  /** Answers every statement sent so far, and those they lead to, over a few turns of the loop. */
  const answerAll = async () => {
    for (let turn = 0; turn < 10; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      pending.splice(0).forEach((answer) => answer());
    }
  };
  return { insert, statements, answerAll, load };
}

describe('MeasurementBatcher', () => {
  it('sends a lone batch at once, in a statement of its own', async () => {
    const register = fakeRegister();
    const batcher = new MeasurementBatcher(register.insert);
    const result = batcher.insert(batch('a', 'k1', 'k2'));
    await register.answerAll();
    await expect(result).resolves.toEqual({ received: 2, accepted: 2, duplicates: 0 });
    expect(register.statements).toEqual([['k1+k2']]);
  });

  it('coalesces the batches that arrive while statements are in flight, each answered with its own counts', async () => {
    const register = fakeRegister();
    const batcher = new MeasurementBatcher(register.insert, { maxStatements: 1 });
    const first = batcher.insert(batch('a', 'k1'));
    await new Promise((resolve) => setImmediate(resolve)); // the first statement is sent
    const rest = [
      batcher.insert(batch('a', 'k2')),
      batcher.insert(batch('b', 'k3', 'k4')),
      batcher.insert(batch('a', 'k5')),
    ];
    await register.answerAll();
    expect(register.statements).toEqual([['k1'], ['k2', 'k3+k4', 'k5']]);
    await expect(first).resolves.toEqual({ received: 1, accepted: 1, duplicates: 0 });
    await expect(Promise.all(rest)).resolves.toEqual([
      { received: 1, accepted: 1, duplicates: 0 },
      { received: 2, accepted: 2, duplicates: 0 },
      { received: 1, accepted: 1, duplicates: 0 },
    ]);
  });

  it('keeps a statement within maxSamples, oldest batches first', async () => {
    const register = fakeRegister();
    const batcher = new MeasurementBatcher(register.insert, { maxStatements: 1, maxSamples: 3 });
    const all = [
      batcher.insert(batch('a', 'k1', 'k2')),
      batcher.insert(batch('a', 'k3', 'k4')),
      batcher.insert(batch('a', 'k5')),
      batcher.insert(batch('a', 'k6', 'k7', 'k8', 'k9')),
    ];
    await register.answerAll();
    await Promise.all(all);
    expect(register.statements).toEqual([['k1+k2'], ['k3+k4', 'k5'], ['k6+k7+k8+k9']]);
  });

  it('stores each batch alone when PostgreSQL refuses a row of the shared statement, so only that batch fails', async () => {
    const refused = Object.assign(new Error('time zone displacement out of range'), { code: '22009' });
    const register = fakeRegister((batches) =>
      batches.some((b) => b.samples.some((s) => s.clientKey === 'bad')) ? refused : undefined,
    );
    const batcher = new MeasurementBatcher(register.insert, { maxStatements: 1 });
    const first = batcher.insert(batch('a', 'k0'));
    await new Promise((resolve) => setImmediate(resolve));
    const good1 = batcher.insert(batch('a', 'k1'));
    const bad = batcher.insert(batch('a', 'k2', 'bad'));
    const good2 = batcher.insert(batch('a', 'k3'));
    const settled = Promise.allSettled([first, good1, bad, good2]);
    await register.answerAll();
    expect((await settled).map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    await expect(bad).rejects.toBe(refused);
    expect(register.statements).toEqual([['k0'], ['k1', 'k2+bad', 'k3'], ['k1'], ['k2+bad'], ['k3']]);
  });

  it('stores them again alone no more than maxStatements at a time', async () => {
    const refused = Object.assign(new Error('duplicate key'), { code: '23505' });
    const register = fakeRegister((batches) => (batches.length > 1 ? refused : undefined));
    const batcher = new MeasurementBatcher(register.insert, { maxStatements: 2 });
    const first = [batcher.insert(batch('a', 'k0')), batcher.insert(batch('a', 'k1'))];
    await new Promise((resolve) => setImmediate(resolve));
    const shared = ['k2', 'k3', 'k4', 'k5', 'k6', 'k7'].map((k) => batcher.insert(batch('a', k)));
    await register.answerAll();
    await register.answerAll();
    await expect(Promise.all([...first, ...shared])).resolves.toHaveLength(8);
    expect(register.load.most).toBe(2);
  });

  it('keeps half the register pool for other requests, and at most four statements', () => {
    expect([1, 2, 5, 10, 40].map(statementsFor)).toEqual([1, 1, 2, 4, 4]);
  });

  it('fails every batch of the statement, without retrying, when the register is unreachable', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const register = fakeRegister(() => down);
    const batcher = new MeasurementBatcher(register.insert, { maxStatements: 1 });
    const first = batcher.insert(batch('a', 'k0'));
    await new Promise((resolve) => setImmediate(resolve));
    const both = [batcher.insert(batch('a', 'k1')), batcher.insert(batch('a', 'k2'))];
    const settled = Promise.allSettled([first, ...both]);
    await register.answerAll();
    expect((await settled).every((s) => s.status === 'rejected' && s.reason === down)).toBe(true);
    expect(register.statements).toEqual([['k0'], ['k1', 'k2']]);
  });
});

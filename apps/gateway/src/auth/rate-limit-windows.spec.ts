import { ThrottlerStorageService } from '@nestjs/throttler/dist/throttler.service';
import fc from 'fast-check';
import { RateLimitWindows } from './rate-limit-windows';

// The library's storage, to compare with: Jest cannot load @nestjs/common (ES modules only), and
// the storage needs nothing of it but the @Injectable() decorator.
jest.mock('@nestjs/common', () => ({ Injectable: () => () => undefined }));

describe('RateLimitWindows', () => {
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-11-24T09:00:00Z');
    jest.useFakeTimers({ now, doNotFake: ['setImmediate', 'nextTick'] });
  });
  afterEach(() => jest.useRealTimers());
  const advance = (ms: number) => {
    now += ms;
    jest.setSystemTime(now);
  };

  it('counts hits over a sliding window, blocks past the limit for blockDuration, then starts afresh', async () => {
    const windows = new RateLimitWindows();
    const hit = () => windows.increment('caller', 60_000, 3, 60_000);
    for (const expected of [1, 2, 3]) {
      expect(await hit()).toEqual(expect.objectContaining({ totalHits: expected, isBlocked: false }));
      advance(10_000);
    }
    expect(await hit()).toEqual(expect.objectContaining({ isBlocked: true, timeToBlockExpire: 60 }));
    advance(59_000);
    // Still blocked, and a blocked hit is not counted.
    expect(await hit()).toEqual(expect.objectContaining({ isBlocked: true, timeToBlockExpire: 1 }));
    advance(1_000);
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 1, isBlocked: false }));
  });

  it('lets hits leave the window one by one', async () => {
    const windows = new RateLimitWindows();
    const hit = () => windows.increment('caller', 10_000, 2, 10_000);
    await hit();
    advance(6_000);
    await hit();
    advance(5_000); // the first hit has left the window
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 2, isBlocked: false, timeToExpire: 5 }));
  });

  it('keeps each key apart and forgets idle keys', async () => {
    const windows = new RateLimitWindows(60_000);
    await windows.increment('a', 10_000, 1, 10_000);
    await windows.increment('b', 10_000, 1, 10_000);
    expect(await windows.increment('a', 10_000, 1, 10_000)).toEqual(
      expect.objectContaining({ isBlocked: true }),
    );
    expect(windows.size).toBe(2);
    advance(61_000);
    await windows.increment('c', 10_000, 1, 10_000);
    expect(windows.size).toBe(1);
  });

  it('answers as the library storage does, hit for hit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }).map((s) => s * 1_000),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 60 }),
        async (limit, ttl, block, gaps) => {
          const library = new ThrottlerStorageService();
          const windows = new RateLimitWindows();
          const blockDuration = block ? ttl : 0;
          try {
            for (const gap of gaps) {
              advance(gap);
              const expected = await library.increment('k', ttl, limit, blockDuration, 'ingest');
              const actual = await windows.increment('k', ttl, limit, blockDuration);
              expect(actual.isBlocked).toBe(expected.isBlocked);
              if (expected.isBlocked) expect(actual.timeToBlockExpire).toBe(expected.timeToBlockExpire);
              if (!expected.isBlocked) expect(actual.totalHits).toBe(expected.totalHits);
            }
          } finally {
            library.onApplicationShutdown();
          }
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  });
});

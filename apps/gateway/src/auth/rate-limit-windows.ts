import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One caller's hits on one route under one limit: when each expires, oldest first. */
interface HitWindow {
  expiries: number[];
  /** Index of the oldest hit still in the window; those before it have expired. */
  head: number;
  /** Epoch ms until which the caller is refused; 0 when not blocked. */
  blockedUntil: number;
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * The throttler's counts, with @nestjs/throttler's semantics (a sliding window of `ttl` per key;
 * past `limit`, the key is refused for `blockDuration`, after which it starts afresh) at a
 * constant cost per request. The library's own storage copies every hit of the window on every
 * request; at the ingest limit, a busy probe holds thousands of them.
 */
export class RateLimitWindows implements ThrottlerStorage {
  private readonly windows = new Map<string, HitWindow>();
  private nextSweep: number;

  constructor(private readonly sweepEveryMs = 60_000) {
    this.nextSweep = Date.now() + sweepEveryMs;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    if (now >= this.nextSweep) this.sweep(now);
    let window = this.windows.get(key);
    if (!window) {
      window = { expiries: [], head: 0, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntil > now) {
      return {
        totalHits: window.expiries.length - window.head,
        timeToExpire: this.timeToExpire(window, now),
        isBlocked: true,
        timeToBlockExpire: seconds(window.blockedUntil - now),
      };
    }
    if (window.blockedUntil !== 0) {
      window.expiries.length = 0;
      window.head = 0;
      window.blockedUntil = 0;
    }
    this.expire(window, now);
    if (blockDuration <= 0 && window.expiries.length - window.head >= limit) {
      // No block: refused (and not counted) until the oldest hit leaves the window.
      return {
        totalHits: window.expiries.length - window.head + 1,
        timeToExpire: this.timeToExpire(window, now),
        isBlocked: true,
        timeToBlockExpire: this.timeToExpire(window, now),
      };
    }
    window.expiries.push(now + ttl);
    const totalHits = window.expiries.length - window.head;
    const isBlocked = totalHits > limit;
    if (isBlocked) window.blockedUntil = now + blockDuration;
    return {
      totalHits,
      timeToExpire: this.timeToExpire(window, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(blockDuration) : 0,
    };
  }

  /** Keys held (for tests): the sweep forgets those with nothing left in their window. */
  get size(): number {
    return this.windows.size;
  }

  private timeToExpire(window: HitWindow, now: number): number {
    const oldest = window.expiries[window.head];
    return oldest === undefined ? 0 : seconds(oldest - now);
  }

  private expire(window: HitWindow, now: number): void {
    const { expiries } = window;
    while (window.head < expiries.length && (expiries[window.head] ?? 0) <= now) window.head++;
    // Drop the expired prefix once it is half the array, so each hit is moved at most once.
    if (window.head > 32 && window.head * 2 >= expiries.length) {
      expiries.copyWithin(0, window.head);
      expiries.length -= window.head;
      window.head = 0;
    }
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    for (const [key, window] of this.windows) {
      const newest = window.expiries[window.expiries.length - 1] ?? 0;
      if (window.blockedUntil <= now && newest <= now) this.windows.delete(key);
    }
  }
}

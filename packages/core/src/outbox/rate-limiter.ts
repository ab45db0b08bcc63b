/**
 * A token-bucket limit: `burst` actions at once after idling, then one per `intervalMs`.
 * @example
 * const text: RateLimit = { intervalMs: 1000, burst: 5 }; // ~1/s sustained, bursts of 5
 */
export interface RateLimit {
  /** One action per this many ms, sustained. */
  intervalMs: number;
  /** How many may go back to back after a quiet period (bucket size, at least 1). */
  burst: number;
}

/** One bucket. Time is passed in (no clock of its own) so it is trivially testable. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = Math.max(1, limit.burst);
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const cap = Math.max(1, this.limit.burst);
    if (this.limit.intervalMs <= 0) this.tokens = cap;
    else if (now > this.updatedAt) this.tokens = Math.min(cap, this.tokens + (now - this.updatedAt) / this.limit.intervalMs);
    this.updatedAt = Math.max(this.updatedAt, now);
  }

  /** 0 when an action may go now, else how long until it may. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.limit.intervalMs);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Full again (nothing to remember): the per-chat map can forget it. */
  idle(now: number): boolean {
    this.refill(now);
    return this.tokens >= Math.max(1, this.limit.burst);
  }
}

/** Buckets by name (chat id), created on demand; full ones are forgotten so the map stays small. */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit) {}

  waitMs(name: string, now: number): number {
    return this.buckets.get(name)?.waitMs(now) ?? 0;
  }

  take(name: string, now: number): void {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      if (this.buckets.size >= 1000) for (const [k, b] of this.buckets) if (b.idle(now)) this.buckets.delete(k);
      bucket = new TokenBucket(this.limit, now);
      this.buckets.set(name, bucket);
    }
    bucket.take(now);
  }
}

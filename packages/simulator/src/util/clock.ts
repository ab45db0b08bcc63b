/**
 * The simulator's notion of "now" for time windows the protocol defines (the
 * 2-minute revoke window). Tests move it forward with `advance` (or
 * `POST /__sim/clock`) instead of waiting; an injected `source` lets a
 * caller drive it entirely.
 *
 * @example
 * const clock = new Clock();
 * clock.advance(121_000); // a revoke now falls outside the window
 */
export class Clock {
  private offset = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** Epoch ms: the source plus every advance so far. */
  now(): number {
    return this.source() + this.offset;
  }

  /** Moves the clock forward (never backwards: windows must not reopen). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceMs must be a non-negative number');
    this.offset += ms;
    return this.now();
  }
}

import { backoffDelay, type BackoffPolicy } from '../util/backoff';

/** Persisted state of one breaker. */
export interface BreakerState {
  trips: number;
  openUntil: number;
}

/**
 * Circuit breaker of one action kind, tripped by "too frequent" answers (Ret 1205).
 * - closed (no trips): actions go;
 * - open (`now < openUntil`): actions of the kind wait; each trip doubles the cooldown
 *   (policy base → cap, with jitter);
 * - half-open (tripped, cooldown over): one trial action at a time; success closes it,
 *   another 1205 opens it again for longer.
 */
export class Breaker {
  private trips: number;
  private openUntil: number;
  private trialRunning = false;

  constructor(
    private readonly policy: BackoffPolicy,
    initial: BreakerState = { trips: 0, openUntil: 0 },
  ) {
    this.trips = initial.trips;
    this.openUntil = initial.openUntil;
  }

  stateAt(now: number): 'closed' | 'open' | 'half-open' {
    if (this.trips === 0) return 'closed';
    return this.openUntil > now ? 'open' : 'half-open';
  }

  /** When an action of this kind may start: `now` or later; Infinity while a trial runs. */
  readyAt(now: number): number {
    if (this.trips === 0) return now;
    if (now < this.openUntil) return this.openUntil;
    return this.trialRunning ? Infinity : now;
  }

  /** An action of this kind starts now (in half-open state, it is the trial). */
  started(): void {
    if (this.trips > 0) this.trialRunning = true;
  }

  /** The server said "too frequent": open, for longer each time. Returns the cooldown. */
  tripped(now: number, random: () => number): number {
    const cooldown = backoffDelay(this.trips, this.policy, random);
    this.trips += 1;
    this.openUntil = now + cooldown;
    this.trialRunning = false;
    return cooldown;
  }

  succeeded(): void {
    this.trips = 0;
    this.openUntil = 0;
    this.trialRunning = false;
  }

  /** Any other outcome: the trial slot is free again, the breaker stays as it was. */
  finished(): void {
    this.trialRunning = false;
  }

  toJSON(): BreakerState {
    return { trips: this.trips, openUntil: this.openUntil };
  }
}

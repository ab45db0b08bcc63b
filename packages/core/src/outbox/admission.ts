import { WxbotError } from '../errors/wxbot-error';
import { Breaker, type BreakerState } from './breaker';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import { capNamesOf, DEFAULT_GOVERNOR_CAPS } from './governor/daily-caps';
import { GovernorParts, type GovernorStatus } from './governor/governor';
import { DEFAULT_BREAKER, DEFAULT_DAILY_CAPS, DEFAULT_LIMITS, type OutboxOptions } from './options';
import { BucketMap, TokenBucket, type RateLimit } from './rate-limiter';

/** What admission needs to know of an action. */
export interface Candidate {
  readonly kind: string;
  readonly key: string;
  readonly risky: boolean;
  readonly createdAt: number;
  /** Not before this time (a retry's backoff, a session that ended). */
  readonly notBefore: number;
  /** The action's payload: pacing reads a text's length from it. */
  readonly payload?: unknown;
}

/** Whether an action may start now: go, wait until a time, or fail with a coded error. */
export type Admission = { go: true } | { go: false; waitUntil: number } | { go: false; fail: WxbotError };

/** The saved part of admission: breakers that tripped and today's cap counters. */
export interface AdmissionState {
  breakers: Record<string, BreakerState>;
  day: string;
  counts: Record<string, number>;
}

/**
 * Decides when an outgoing action may start: its age (`maxAgeMs`), the daily caps per kind and
 * for risky actions, its kind's circuit breaker ("too frequent" cooldowns), and the global,
 * per-chat and risky token buckets with jitter. It holds that state; the outbox asks and obeys.
 * @example
 * const decision = gate.admit(action, running, now);
 * if (decision.go) { gate.take(action, now); start(action); }
 */
export class AdmissionControl {
  private readonly breakers = new Map<string, Breaker>();
  private day = '';
  private counts: Record<string, number> = {};
  private readonly global: TokenBucket | undefined;
  private readonly perChat: BucketMap | undefined;
  private readonly risky: TokenBucket | undefined;
  private readonly jitterMs: number;
  /** Quiet hours, pacing, the time zone of days (outbox/governor/). */
  readonly parts: GovernorParts;
  private readonly caps: Readonly<Record<string, number>>;
  /** Actions whose hold by quiet hours was logged (once each). */
  private readonly told = new WeakSet<object>();

  constructor(
    private readonly options: OutboxOptions,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {
    this.parts = new GovernorParts(options, clock);
    // Defaults first, the caps given on top (a cap given replaces that one default only).
    this.caps = { ...(options.limits === false ? {} : DEFAULT_GOVERNOR_CAPS), ...DEFAULT_DAILY_CAPS, ...options.dailyCaps };
    const limits = options.limits === false ? { global: false as const, perChat: false as const, risky: false as const, jitterMs: 0 } : { ...DEFAULT_LIMITS, ...options.limits };
    const now = clock.now();
    const bucket = (l: RateLimit | false): TokenBucket | undefined => (l ? new TokenBucket(l, now) : undefined);
    this.global = bucket(limits.global);
    this.risky = bucket(limits.risky);
    this.perChat = limits.perChat ? new BucketMap(limits.perChat) : undefined;
    this.jitterMs = limits.jitterMs;
  }

  /** Take back what a previous run saved (breakers, and the counters if they are today's). */
  restore(saved: AdmissionState): void {
    for (const [kind, state] of Object.entries(saved.breakers)) {
      if (!this.breakers.has(kind) && state && typeof state.trips === 'number') this.breakers.set(kind, new Breaker(this.breakerPolicy, state));
    }
    const today = this.parts.dayOf(this.clock.now());
    if (saved.day === today) this.counts = { ...saved.counts, ...this.counts };
    this.day = today;
  }

  /** What must be saved: breakers that tripped, the day and its counters. */
  state(): AdmissionState {
    return {
      breakers: Object.fromEntries([...this.breakers].filter(([, b]) => b.toJSON().trips > 0).map(([k, b]) => [k, b.toJSON()])),
      day: this.day,
      counts: this.counts,
    };
  }

  /** Today's counters (after a success they go to the store with the action's outcome). */
  get today(): { day: string; counts: Record<string, number> } {
    return { day: this.day, counts: { ...this.counts } };
  }

  /** The actions past `maxAgeMs` at `now` (dropped when a restart brings them back). */
  expired<C extends Pick<Candidate, 'createdAt'>>(actions: readonly C[], now: number): C[] {
    const maxAge = this.options.maxAgeMs;
    return maxAge === undefined ? [] : actions.filter((a) => now - a.createdAt > maxAge);
  }

  /** Whether `c` may start at `now`, given the actions already running. */
  admit(c: Candidate, running: Iterable<Candidate>, now: number): Admission {
    this.rollDay(now);
    const maxAge = this.options.maxAgeMs;
    if (maxAge !== undefined && now - c.createdAt > maxAge) {
      return { go: false, fail: new WxbotError('WXBOT_OUTBOX_EXPIRED', `${c.kind} to ${c.key} was queued longer than outbox.maxAgeMs (${maxAge} ms); dropped`, { kind: c.kind, key: c.key }) };
    }
    const cap = this.capExceeded(c, running);
    if (cap !== undefined) {
      return { go: false, fail: new WxbotError('WXBOT_DAILY_CAP', `${c.kind} to ${c.key} not sent: the daily cap of ${cap} is reached (outbox.dailyCaps)`, { kind: c.kind, key: c.key }) };
    }
    const quiet = this.parts.quiet.configured ? this.parts.quiet.at(now, c.key) : undefined;
    if (quiet?.quiet) {
      if (this.parts.quiet.policy === 'fail') {
        return { go: false, fail: new WxbotError('WXBOT_QUIET_HOURS', `${c.kind} to ${c.key} not sent: quiet hours until ${new Date(quiet.opensAt).toISOString()} (outbox.quietHours, policy "fail")`, { kind: c.kind, key: c.key, opensAt: quiet.opensAt }) };
      }
      if (!this.told.has(c)) {
        this.told.add(c);
        this.log?.info({ kind: c.kind, key: c.key, opensAt: new Date(quiet.opensAt).toISOString() }, 'quiet hours: outgoing action held until the window opens');
      }
      return { go: false, waitUntil: quiet.opensAt + Math.round(this.clock.random() * this.jitterMs) };
    }
    const gate = Math.max(c.notBefore, this.breaker(c.kind).readyAt(now), this.parts.pacing?.readyAt(c) ?? 0);
    if (gate > now) return { go: false, waitUntil: gate };
    const limitWait = Math.max(this.global?.waitMs(now) ?? 0, this.perChat?.waitMs(c.key, now) ?? 0, c.risky ? (this.risky?.waitMs(now) ?? 0) : 0);
    if (limitWait > 0) return { go: false, waitUntil: now + limitWait + Math.round(this.clock.random() * this.jitterMs) };
    return { go: true };
  }

  /** An admitted action starts: take its tokens and tell its breaker. */
  take(c: Candidate, now: number): void {
    this.global?.take(now);
    this.perChat?.take(c.key, now);
    if (c.risky) this.risky?.take(now);
    this.parts.pacing?.started(c, now);
    this.breaker(c.kind).started();
  }

  /** An action succeeded: count it, close its breaker. True when the breaker had tripped (save it). */
  succeeded(c: Candidate): boolean {
    this.rollDay(this.clock.now());
    for (const name of capNamesOf(c.kind, c.risky)) this.counts[name] = (this.counts[name] ?? 0) + 1;
    const breaker = this.breaker(c.kind);
    const wasTripped = breaker.toJSON().trips > 0;
    breaker.succeeded();
    return wasTripped;
  }

  /** The server said "too frequent": open the kind's breaker; returns the cooldown in ms. */
  rateLimited(kind: string, now: number): number {
    return this.breaker(kind).tripped(now, () => this.clock.random());
  }

  /** An attempt ended without success or a rate limit (its breaker's trial slot is free again). */
  finished(kind: string): void {
    this.breaker(kind).finished();
  }

  /** Every known breaker's state now (for operators: the control API, metrics). */
  breakerStates(now: number): Record<string, 'closed' | 'open' | 'half-open'> {
    return Object.fromEntries([...this.breakers].map(([kind, b]) => [kind, b.stateAt(now)]));
  }

  breakerState(kind: string): BreakerState {
    return this.breaker(kind).toJSON();
  }

  private get breakerPolicy(): { baseMs: number; capMs: number } {
    return this.options.breaker ?? DEFAULT_BREAKER;
  }

  private breaker(kind: string): Breaker {
    let b = this.breakers.get(kind);
    if (!b) {
      b = new Breaker(this.breakerPolicy);
      this.breakers.set(kind, b);
    }
    return b;
  }

  private rollDay(now: number): void {
    const today = this.parts.dayOf(now);
    if (today !== this.day) {
      this.day = today;
      this.counts = {};
    }
  }

  /** The cap an action would exceed now, if any (counting actions already running). */
  private capExceeded(c: Candidate, running: Iterable<Candidate>): string | undefined {
    const names = capNamesOf(c.kind, c.risky).filter((n) => this.caps[n] !== undefined);
    if (names.length === 0) return undefined;
    const used = this.usedNow(running);
    for (const name of names) {
      const cap = this.caps[name] as number;
      if ((used[name] ?? 0) >= cap) return name === 'risky' ? `risky actions (${cap} a day)` : `${name} (${cap} a day)`;
    }
    return undefined;
  }

  /** Today's counters plus the actions running now. */
  private usedNow(running: Iterable<Candidate>): Record<string, number> {
    const used = { ...this.counts };
    for (const r of running) for (const name of capNamesOf(r.kind, r.risky)) used[name] = (used[name] ?? 0) + 1;
    return used;
  }

  /** The governor's state now (caps, breakers, quiet hours), for `bot.governor.status()`. */
  status(running: Iterable<Candidate>, now: number): GovernorStatus {
    this.rollDay(now);
    const used = this.usedNow(running);
    const quiet = this.parts.quiet.at(now);
    return {
      timeZone: this.parts.zone.timeZone ?? 'system',
      day: this.day,
      caps: Object.fromEntries(Object.entries(this.caps).map(([name, cap]) => [name, { cap, used: used[name] ?? 0, remaining: Math.max(0, cap - (used[name] ?? 0)) }])),
      breakers: Object.fromEntries([...this.breakers].map(([kind, b]) => [kind, { state: b.stateAt(now), ...b.toJSON() }])),
      quietHours: { configured: this.parts.quiet.configured, quiet: quiet.quiet, policy: this.parts.quiet.policy, nextChange: quiet.quiet ? quiet.opensAt : quiet.closesAt },
      pacing: this.parts.pacing !== undefined,
    };
  }
}

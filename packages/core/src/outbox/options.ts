import type { BackoffPolicy } from '../util/backoff';
import type { Clock } from './clock';
import type { GovernorOptions } from './governor/governor';
import type { RateLimit } from './rate-limiter';

/**
 * How the outbox paces, retries and keeps outgoing actions. Every field is optional; the
 * defaults are safe for a real account (docs/protocol.md 15). Tests and benchmarks switch the
 * pacing off with `{ limits: false }`.
 * @example
 * new Bot({ outbox: { limits: { global: { intervalMs: 2000, burst: 3 } }, dailyCaps: { risky: 20 }, maxAgeMs: 3_600_000 } });
 */
export interface OutboxOptions extends GovernorOptions {
  /**
   * Rate limits; `false` turns every limit, the typing delays and the default caps of text, media,
   * friend and group actions off (`risky`'s default and the caps you give stay; so do quiet hours).
   */
  limits?: false | OutboxLimits;
  /**
   * Most actions per calendar day (in `timeZone`), by kind (`text`, `send-image`, `verify-user`,
   * ...), by group (`media`, `friend`, `group`: outbox/governor/daily-caps.ts) and `risky` for all
   * risky actions together. An action over its cap fails with WXBOT_DAILY_CAP. The caps given
   * replace those defaults only. Default `{ text: 3000, media: 300, friend: 20, group: 30, risky: 30 }`
   * (docs/safety.md).
   */
  dailyCaps?: Readonly<Record<string, number>>;
  /** Cooldown after "too frequent" (Ret 1205) per action kind, doubling per trip. Default 60 s → 30 min. */
  breaker?: BackoffPolicy;
  /** Network errors, timeouts and 5xx: attempts in all, and the backoff between them. Default 5 attempts, 0.5 s → 30 s. */
  retry?: { attempts: number } & BackoffPolicy;
  /**
   * Drop queued actions older than this (at resume after a restart, and when their turn comes),
   * with a warning and WXBOT_OUTBOX_EXPIRED. Default: never (nothing is dropped).
   */
  maxAgeMs?: number;
  /** Keep unsent actions in the state log (`<home>/state.log`, 0600) so they survive a restart. Default true. */
  persist?: boolean;
  /** Actions of different chats in flight at once. Default 4. */
  concurrency?: number;
  /** `bot.broadcast()`: the spacing between two targets. */
  broadcast?: BroadcastOptions;
  /** Injected time (tests). */
  clock?: Clock;
}

/** How `bot.broadcast()` spaces its sends (on top of the limits and pacing). */
export interface BroadcastOptions {
  /** Least time between two targets. Default 3000 ms (0 with `limits: false`). */
  gapMs?: number;
  /** Random extra time between two targets, up to this. Default 2000 ms (0 with `limits: false`). */
  jitterMs?: number;
}

export const DEFAULT_BROADCAST: Required<BroadcastOptions> = { gapMs: 3000, jitterMs: 2000 };

/** The three limits; each may be `false` on its own. */
export interface OutboxLimits {
  /** All actions of the account together. Default 1 per 1000 ms, bursts of 5. */
  global?: RateLimit | false;
  /** Per chat (the action's `key`). Default 1 per 1000 ms, bursts of 3. */
  perChat?: RateLimit | false;
  /** Risky actions (friend requests, group creation, adding members). Default 1 per 60 s, no burst. */
  risky?: RateLimit | false;
  /** Random extra wait, up to this, whenever an action waits for a limit. Default 500 ms. */
  jitterMs?: number;
}

export const DEFAULT_LIMITS: Required<OutboxLimits> = {
  global: { intervalMs: 1000, burst: 5 },
  perChat: { intervalMs: 1000, burst: 3 },
  risky: { intervalMs: 60_000, burst: 1 },
  jitterMs: 500,
};

export const DEFAULT_DAILY_CAPS: Readonly<Record<string, number>> = { risky: 30 };
export const DEFAULT_BREAKER: BackoffPolicy = { baseMs: 60_000, capMs: 30 * 60_000 };
export const DEFAULT_RETRY: { attempts: number } & BackoffPolicy = { attempts: 5, baseMs: 500, capMs: 30_000 };

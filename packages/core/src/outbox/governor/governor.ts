import type { Clock } from '../clock';
import { DEFAULT_PACING, Pacing, type PacingOptions } from './pacing';
import { QuietHours, ZonedClock, type QuietHoursOptions, type QuietWindow } from './quiet-hours';

/**
 * The governor's state for operators: `bot.governor.status()`, `GET /api/governor`, and the
 * log line when it holds an action back.
 */
export interface GovernorStatus {
  /** The time zone of days and quiet hours (`system` when none is configured). */
  timeZone: string;
  /** The day the caps count (`2024-05-01`). */
  day: string;
  /** Each cap: its limit, today's count (with actions running), and what is left. */
  caps: Record<string, { cap: number; used: number; remaining: number }>;
  /** Breakers that have tripped: their state and until when they stay open (ms since epoch). */
  breakers: Record<string, { state: 'closed' | 'open' | 'half-open'; openUntil: number; trips: number }>;
  /** The global quiet hours now: whether quiet, and the next change (ms since epoch). */
  quietHours: { configured: boolean; quiet: boolean; policy: 'wait' | 'fail'; nextChange: number | undefined };
  /** Whether the rate limits and pacing are on (`limits: false` turns them off). */
  pacing: boolean;
}

/**
 * The safety governor as the bot exposes it (`bot.governor`).
 * @example
 * const { caps, quietHours } = bot.governor.status();
 * if (caps.text && caps.text.remaining < 100) console.warn('few texts left today');
 */
export interface Governor {
  /** Remaining caps, breakers, quiet hours, now. */
  status(): GovernorStatus;
  /** Give a chat (UserName) its own quiet hours, `false` for none, `null` to follow the global ones again. */
  setChatQuietHours(chat: string, window: QuietWindow | false | null): void;
}

/** The governor's options: they sit in `OutboxOptions` beside the limits. */
export interface GovernorOptions {
  /** IANA time zone of quiet hours and daily caps (`'Asia/Shanghai'`). Default: the system's. */
  timeZone?: string;
  /** Windows with no sending. Default: none (docs/safety.md says why). */
  quietHours?: QuietHoursOptions | false;
  /** Typing delay and per-chat gap; `false` switches them off. */
  pacing?: PacingOptions | false;
}

/**
 * The parts of the safety governor that are not token buckets: time zone, quiet hours, pacing.
 * AdmissionControl owns one and asks it; the Bot exposes it as `bot.governor`.
 */
export class GovernorParts {
  readonly zone: ZonedClock;
  readonly quiet: QuietHours;
  readonly pacing: Pacing | undefined;

  constructor(options: GovernorOptions & { limits?: unknown }, clock: Clock) {
    this.zone = new ZonedClock(options.timeZone);
    this.quiet = new QuietHours(options.quietHours, this.zone);
    const paced = options.limits !== false && options.pacing !== false;
    this.pacing = paced ? new Pacing({ ...DEFAULT_PACING, ...(options.pacing || {}) }, () => clock.random()) : undefined;
  }

  /** The local day of `ms` in the governor's zone: the unit of daily caps. */
  dayOf(ms: number): string {
    return this.zone.dayOf(ms);
  }

  setChatQuietHours(chat: string, window: QuietWindow | false | null): void {
    this.quiet.setChat(chat, window);
  }
}

import { WxbotError } from '../../errors/wxbot-error';

/**
 * A daily window, local to the governor's time zone, during which nothing is sent.
 * `from` after `to` spans midnight (`23:00`–`07:00`); `from === to` is never quiet.
 * @example const night: QuietWindow = { from: '23:00', to: '07:00' };
 */
export interface QuietWindow {
  /** `HH:MM`, 24-hour clock: the window closes the outbox at this time. */
  from: string;
  /** `HH:MM`: the outbox opens again at this time. */
  to: string;
}

/**
 * Quiet hours: the account sends nothing in the window. `policy: 'wait'` (default) keeps the
 * action queued until the window opens; `'fail'` rejects it with WXBOT_QUIET_HOURS.
 * @example
 * new Bot({ outbox: { timeZone: 'Asia/Shanghai', quietHours: { from: '23:30', to: '07:30', chats: { '@@family': false } } } });
 */
export interface QuietHoursOptions extends QuietWindow {
  policy?: 'wait' | 'fail';
  /** Per chat (the outbox key: a UserName): its own window, or `false` for none. */
  chats?: Readonly<Record<string, QuietWindow | false>>;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `'07:30'` → 450 (minutes after midnight); WXBOT_INVALID_ARGUMENT naming `what` if malformed. */
export function minuteOfDay(value: string, what: string): number {
  const m = HHMM.exec(value);
  if (!m) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `${what}: expected a time "HH:MM" (24-hour, e.g. "07:30"), got ${JSON.stringify(value)}`, { what, value });
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Checks a time zone name the way Intl will read it; WXBOT_INVALID_ARGUMENT if unknown. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new WxbotError('WXBOT_INVALID_ARGUMENT', `outbox.timeZone: expected an IANA time zone such as "Asia/Shanghai", got ${JSON.stringify(timeZone)}`, { timeZone });
  }
}

/**
 * Wall-clock reading of `ms` in a time zone, through Intl (no tz database of our own: Node ships
 * ICU with every zone, and its DST rules are updated with Node).
 */
export class ZonedClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string | undefined) {
    if (timeZone !== undefined) checkTimeZone(timeZone);
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  private cachedMinute = NaN;
  private cachedDay = '';

  /** The local date of `ms` (`2024-05-01`); cached per minute (every zone's offset is whole minutes). */
  dayOf(ms: number): string {
    const minute = Math.floor(ms / 60_000);
    if (minute !== this.cachedMinute) {
      this.cachedDay = this.read(ms).day;
      this.cachedMinute = minute;
    }
    return this.cachedDay;
  }

  /** The local date (`2024-05-01`) and seconds since local midnight. */
  read(ms: number): { day: string; second: number } {
    const p: Record<string, string> = {};
    for (const part of this.format.formatToParts(new Date(ms))) p[part.type] = part.value;
    const second = Number(p['hour']) * 3600 + Number(p['minute']) * 60 + Number(p['second']);
    return { day: `${p['year']}-${p['month']}-${p['day']}`, second };
  }
}

interface Window {
  from: number;
  to: number;
}

/** Whether the outbox is quiet for a chat now, and until when. */
export type QuietState = { quiet: false; closesAt: number | undefined } | { quiet: true; opensAt: number };

/** The quiet-hours rule: the global window and the per-chat ones, read in one time zone. */
export class QuietHours {
  readonly policy: 'wait' | 'fail';
  private readonly global: Window | undefined;
  private readonly chats = new Map<string, Window | undefined>();

  constructor(
    options: QuietHoursOptions | false | undefined,
    private readonly zone: ZonedClock,
  ) {
    this.policy = options ? (options.policy ?? 'wait') : 'wait';
    if (options && options.policy !== undefined && options.policy !== 'wait' && options.policy !== 'fail') {
      throw new WxbotError('WXBOT_INVALID_ARGUMENT', `outbox.quietHours.policy: expected "wait" | "fail", got ${JSON.stringify(options.policy)}`);
    }
    this.global = options ? window(options, 'outbox.quietHours') : undefined;
    for (const [chat, w] of Object.entries(options ? (options.chats ?? {}) : {})) this.setChat(chat, w);
    this.configured = this.global !== undefined || [...this.chats.values()].some((v) => v !== undefined);
  }

  /** Give one chat its own window (`false`: never quiet), replacing the global one for it. */
  setChat(chat: string, w: QuietWindow | false | null): void {
    if (w === null) this.chats.delete(chat);
    else this.chats.set(chat, w ? window(w, `outbox.quietHours.chats["${chat}"]`) : undefined);
    this.configured = this.global !== undefined || [...this.chats.values()].some((v) => v !== undefined);
  }

  /** Whether any window is configured (kept up to date: admission asks for every action). */
  configured = false;

  /** The state for `chat` (or the global window without one) at `now`. */
  at(now: number, chat?: string): QuietState {
    const w = chat !== undefined && this.chats.has(chat) ? this.chats.get(chat) : this.global;
    if (!w || w.from === w.to) return { quiet: false, closesAt: undefined };
    const s = this.zone.read(now).second;
    const from = w.from * 60;
    const to = w.to * 60;
    const inside = from < to ? s >= from && s < to : s >= from || s < to;
    const base = now - (((now % 1000) + 1000) % 1000);
    const until = (target: number): number => base + (((target - s + 86_400) % 86_400) || 86_400) * 1000;
    // A DST change can put the real opening an hour off; admission asks again when this comes.
    return inside ? { quiet: true, opensAt: until(to) } : { quiet: false, closesAt: until(from) };
  }
}

function window(w: QuietWindow, what: string): Window {
  return { from: minuteOfDay(w.from, `${what}.from`), to: minuteOfDay(w.to, `${what}.to`) };
}

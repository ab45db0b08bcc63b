import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time "HH:MM" (00:00-23:59)');

/** A time window: `from`-`to` local time on `days` (0 = Sunday). `to` < `from` wraps past midnight. */
export const windowSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4, 5, 6]),
    from: hhmm,
    to: hhmm,
  })
  .strict();

export type TimeWindow = z.infer<typeof windowSchema>;

/** Day of week and minute of day of an instant in a time zone. */
export interface LocalTime {
  readonly day: number;
  readonly minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Reads the wall-clock time of `ms` in `timeZone` (an IANA name; the process's zone if omitted).
 * @example
 * localTime(Date.UTC(2024, 0, 1, 9, 30), 'UTC'); // { day: 1, minute: 570 }
 */
export function localTime(ms: number, timeZone?: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(part('weekday')), minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

const toMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * True when `time` falls in the window. A window that wraps midnight belongs to the day it
 * starts on: `{ days: [5], from: '22:00', to: '06:00' }` covers Friday night and Saturday early.
 * `from` equal to `to` means the whole day.
 * @example
 * inWindow({ days: [1], from: '09:00', to: '17:00' }, { day: 1, minute: 600 }); // true
 */
export function inWindow(window: TimeWindow, time: LocalTime): boolean {
  const from = toMinute(window.from);
  const to = toMinute(window.to);
  const onDay = (day: number) => window.days.includes(day);
  if (from === to) return onDay(time.day);
  if (from < to) return onDay(time.day) && time.minute >= from && time.minute < to;
  return (onDay(time.day) && time.minute >= from) || (onDay((time.day + 6) % 7) && time.minute < to);
}

/** Validates an IANA time zone name the way Intl will use it. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

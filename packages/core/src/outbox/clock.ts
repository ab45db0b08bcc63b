/**
 * Time as the outbox sees it. Injectable so limiter and breaker tests advance time by hand
 * instead of sleeping.
 * @example
 * const clock: Clock = { now: () => t, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: clearTimeout, random: Math.random };
 */
export interface Clock {
  now(): number;
  /** Call `fn` after `ms`; returns a handle for clearTimer. */
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** In [0, 1): jitter. */
  random(): number;
}

/** The real clock. Timers are unref'd: a queued action never keeps a process alive by itself. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: () => Math.random(),
};

/** Local calendar day of `ms`, e.g. '2024-05-01': the unit of daily caps. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

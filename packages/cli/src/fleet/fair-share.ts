// How many accounts each fleet worker should run, and how many this worker hands over: pure
// arithmetic, kept apart from the supervisor's timers so a test can walk through the cases.

/** One live worker as a scan sees it. */
export interface WorkerLoad {
  owner: string;
  /** Accounts whose lease it holds now. */
  held: number;
  /** Its `maxAccounts` (Infinity when unknown: a worker that records no heartbeat). */
  maxAccounts: number;
}

/**
 * The fair level: the smallest `s` with `Σ min(maxAccounts, s) ≥ total`, so each worker runs
 * `min(maxAccounts, s)`: ⌈total ÷ workers⌉ when nobody is capped, more for the others when a
 * small worker is full. When every worker is full it is the largest cap.
 */
export function fairLevel(total: number, caps: readonly number[]): number {
  if (caps.length === 0) return total;
  const largest = Math.max(...caps);
  let level = Math.ceil(total / caps.length);
  while (level < largest && caps.reduce((sum, cap) => sum + Math.min(cap, level), 0) < total) level++;
  return Math.min(level, largest);
}

/** The accounts `owner` should run, out of `total`, with these live workers (itself among them). */
export function fairShare(owner: string, total: number, workers: readonly WorkerLoad[]): number {
  const me = workers.find((w) => w.owner === owner);
  return Math.min(me?.maxAccounts ?? Infinity, fairLevel(total, workers.map((w) => w.maxAccounts)));
}

/**
 * How many accounts `owner` hands over now: what it holds above its fair share, but only as many
 * as the other workers are short of theirs, less the accounts already free for them to take
 * (`unheld`, among them those handed over and not claimed yet), and at most `maxPerScan`.
 * Hysteresis: a worker at or below its share (⌈accounts ÷ workers⌉, not the exact quotient) never
 * hands anything over, so a fleet within one account of even (3/2, 3/3/1 for seven) stays put.
 */
export function handOffCount(owner: string, total: number, workers: readonly WorkerLoad[], unheld: number, maxPerScan: number): number {
  const me = workers.find((w) => w.owner === owner);
  if (!me) return 0;
  const level = fairLevel(total, workers.map((w) => w.maxAccounts));
  const excess = me.held - Math.min(me.maxAccounts, level);
  const short = workers.filter((w) => w.owner !== owner).reduce((sum, w) => sum + Math.max(0, Math.min(w.maxAccounts, level) - w.held), 0);
  return Math.max(0, Math.min(excess, short - unheld, maxPerScan));
}

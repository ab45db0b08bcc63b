import type { Logger } from 'pino';
import type { Entry } from './entry';

/** A wait at least this long gets an info line (shorter ones are ordinary pacing). */
const DELAY_LINE_MS = 2000;

/**
 * Tells whoever watches the log that an action is held back (pacing, a breaker, back-off, quiet
 * hours) for a while: one line per action, however often the outbox re-checks it.
 * @example notice.held(entry, 5000); // "outbox: text to @b held back 5.0 s by the rate limits or a cooldown"
 */
export class DelayNotice {
  private readonly told = new WeakSet<Entry>();

  constructor(private readonly log: Logger) {}

  held(e: Entry, waitMs: number): void {
    if (waitMs < DELAY_LINE_MS || this.told.has(e)) return;
    this.told.add(e);
    this.log.info({ kind: e.kind, key: e.key, waitMs }, `outbox: ${e.kind} to ${e.key} held back ${(waitMs / 1000).toFixed(1)} s by the rate limits or a cooldown`);
  }
}

import type { StateStore } from '../storage/state-store';
import type { BreakerState } from './breaker';
import { OUTBOX_SECTION, outboxSnapshot, replayOutbox, type OutboxRecord, type OutboxState, type StoredAction, type StoredOutcome } from './outbox-store';

/**
 * The outbox's persistence: its section of the state store. Each change is one record (an
 * action queued before its first attempt, an attempt count, an action finished with its outcome
 * and the day's counters, a breaker that tripped); compaction writes the current state. Without
 * a store nothing is written and every write resolves at once.
 */
export class OutboxJournal {
  constructor(
    private readonly store: StateStore | undefined,
    current: () => OutboxState,
  ) {
    store?.register(OUTBOX_SECTION, () => outboxSnapshot(current()));
  }

  /** Whether anything is persisted at all. */
  get enabled(): boolean {
    return this.store !== undefined;
  }

  get location(): string {
    return this.store?.location ?? 'nowhere';
  }

  /** What the previous run left (throws when the store cannot be read). */
  async load(): Promise<OutboxState | undefined> {
    if (!this.store) return undefined;
    return replayOutbox((await this.store.open()).get(OUTBOX_SECTION));
  }

  /** Write-ahead: the action (and its ClientMsgId) is durable before its first attempt. */
  queued(action: StoredAction): Promise<void> {
    return this.write({ q: action });
  }

  attempts(id: string, attempts: number): Promise<void> {
    return this.write({ n: id, attempts });
  }

  /** An action done (sent, failed for good, or dropped), with its outcome and the day's counters. */
  finished(id: string, outcome: StoredOutcome | undefined, today?: { day: string; counts: Record<string, number> }): Promise<void> {
    return this.write({ f: id, ...(outcome ? { o: outcome } : {}), ...(today ? { day: today.day, counts: today.counts } : {}) });
  }

  breaker(kind: string, state: BreakerState): Promise<void> {
    return this.write({ b: kind, s: state });
  }

  flush(): Promise<void> {
    return this.store?.flush() ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.store?.close() ?? Promise.resolve();
  }

  private write(record: OutboxRecord): Promise<void> {
    return this.store ? this.store.append(OUTBOX_SECTION, record) : Promise.resolve();
  }
}

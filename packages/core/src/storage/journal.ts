import type { WireMessage } from '@wxbot/protocol';
import type { SectionRecord, StateStore } from './state-store';

/** The journal's section in the state log. */
export const INBOX_SECTION = 'inbox';

/** A message received (its batch's sync keys may already be saved) but not yet fully handled. */
export interface JournalEntry {
  id: string;
  wire: WireMessage;
  receivedAt: number;
}

/** Journal records: messages received (`a`), messages done (`d`). */
type InboxRecord = { a: JournalEntry[] } | { d: string[] };

/** The pending entries a sequence of inbox records leaves (malformed records are skipped). */
export function replayInbox(records: readonly unknown[] = []): JournalEntry[] {
  const pending = new Map<string, JournalEntry>();
  for (const r of records as Array<Partial<Record<'a' | 'd', unknown>>>) {
    if (!r || typeof r !== 'object') continue;
    if (Array.isArray(r.a)) {
      for (const e of r.a as JournalEntry[]) if (e && typeof e.id === 'string' && e.wire && typeof e.wire === 'object') pending.set(e.id, e);
    }
    if (Array.isArray(r.d)) for (const id of r.d) pending.delete(String(id));
  }
  return [...pending.values()];
}

/**
 * The messages between "received" and "handled", kept in the bot's state store. A message is
 * recorded before its batch's sync keys are saved and before any handler runs, and marked
 * done once handled. After a crash, what is still pending is handled again; what is not was
 * either handled or never received (then the saved keys fetch it again).
 * @example
 * const journal = new InboxJournal(stateStore);
 * const pending = await journal.load();
 * const record = journal.addRecord(freshWireMessages); // in memory; written with the batch's keys:
 * if (record) await stateStore.appendAll([record, keysRecord]);
 * void journal.complete([msgId]);
 */
export class InboxJournal {
  private readonly pending = new Map<string, JournalEntry>();

  /** Without a log nothing is persisted (in-memory bots, tests). */
  constructor(private readonly log: StateStore | undefined) {
    log?.register(INBOX_SECTION, () => (this.pending.size > 0 ? [{ a: [...this.pending.values()] } satisfies InboxRecord] : []));
  }

  /** The entries left by the previous run. */
  async load(): Promise<JournalEntry[]> {
    if (!this.log) return [];
    const saved = await this.log.open();
    for (const e of replayInbox(saved.get(INBOX_SECTION))) this.pending.set(e.id, e);
    return [...this.pending.values()];
  }

  ids(): string[] {
    return [...this.pending.keys()];
  }

  /**
   * Record messages as received in memory and return the record to write, for a caller that
   * writes it together with the batch's sync keys (`StateStore.appendAll`). Undefined when empty.
   */
  addRecord(wires: readonly WireMessage[]): SectionRecord | undefined {
    if (wires.length === 0) return undefined;
    const now = Date.now();
    const entries = wires.map((wire) => ({ id: wire.MsgId, wire, receivedAt: now }));
    for (const e of entries) this.pending.set(e.id, e);
    return [INBOX_SECTION, { a: entries } satisfies InboxRecord];
  }

  /**
   * Messages handled (or given up on); resolves once that is in the log. The record rides on
   * the next write (within 100 ms): a completion lost to a crash only replays the message,
   * whose replies the outbox then recognises as done.
   */
  complete(ids: readonly string[]): Promise<void> {
    const done = ids.filter((id) => this.pending.delete(id));
    if (done.length === 0 || !this.log) return Promise.resolve();
    return this.log.appendLazy(INBOX_SECTION, { d: done } satisfies InboxRecord);
  }
}

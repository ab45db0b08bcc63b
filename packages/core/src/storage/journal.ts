import path from 'node:path';
import type { WireMessage } from '@wxbot/protocol';
import { CoalescingWriter } from './coalescing-writer';
import { readJsonFile, writePrivateFileAtomic } from './secure-file';

/** How long completions wait to share one write. */
const COMPLETION_DELAY_MS = 200;

/** A message received (its batch's sync keys may already be saved) but not yet fully handled. */
export interface JournalEntry {
  id: string;
  wire: WireMessage;
  receivedAt: number;
}

interface JournalFile {
  version: 1;
  pending: JournalEntry[];
}

/**
 * `<home>/inbox.json`: the messages between "received" and "handled". Written (atomically,
 * 0600) before the batch's sync keys are saved and before any handler runs, and again as
 * each message is done. After a crash, what is still here is handled again; what is not
 * here was either handled or never received (then the saved keys fetch it again).
 * @example
 * const journal = new InboxJournal(home);
 * const pending = await journal.load();
 * await journal.add(freshWireMessages); // then save the keys, then dispatch
 * journal.complete([msgId]);
 */
export class InboxJournal {
  readonly file: string;
  private readonly pending = new Map<string, JournalEntry>();
  private readonly writer: CoalescingWriter;
  private lazyWrite: Promise<void> | undefined;
  private lazyTimer: NodeJS.Timeout | undefined;
  private flushLazy: (() => Promise<void>) | undefined;

  constructor(
    home: string,
    onError: (err: Error) => void,
    private readonly persist = true,
  ) {
    this.file = path.join(home, 'inbox.json');
    this.writer = new CoalescingWriter(() => writePrivateFileAtomic(this.file, JSON.stringify(this.snapshot())), onError);
  }

  /** The entries left by the previous run (a corrupt file counts as empty). */
  async load(): Promise<JournalEntry[]> {
    if (!this.persist) return [];
    let raw: Partial<JournalFile> | undefined;
    try {
      raw = (await readJsonFile(this.file)) as Partial<JournalFile> | undefined;
    } catch {
      raw = undefined;
    }
    const entries = raw?.version === 1 && Array.isArray(raw.pending) ? raw.pending : [];
    for (const e of entries) {
      if (e && typeof e.id === 'string' && e.wire && typeof e.wire === 'object') this.pending.set(e.id, e);
    }
    return [...this.pending.values()];
  }

  ids(): string[] {
    return [...this.pending.keys()];
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** Record messages as received; resolves once that is on disk. */
  async add(wires: readonly WireMessage[]): Promise<void> {
    const now = Date.now();
    for (const wire of wires) this.pending.set(wire.MsgId, { id: wire.MsgId, wire, receivedAt: now });
    if (this.persist) await this.writer.write();
  }

  /**
   * Messages handled (or given up on); resolves once that is on disk. The write is deferred a
   * little and shared by every completion meanwhile (and by the next add()): a completion lost
   * to a crash only replays the message, whose replies the outbox then recognises as done.
   */
  complete(ids: readonly string[]): Promise<void> {
    let changed = false;
    for (const id of ids) changed = this.pending.delete(id) || changed;
    if (!changed || !this.persist) return Promise.resolve();
    if (!this.lazyWrite) {
      this.lazyWrite = new Promise<void>((resolve) => {
        this.lazyTimer = setTimeout(() => {
          this.lazyWrite = undefined;
          this.lazyTimer = undefined;
          void this.writer.write().then(resolve);
        }, COMPLETION_DELAY_MS);
        this.lazyTimer.unref();
        this.flushLazy = () => {
          clearTimeout(this.lazyTimer);
          this.lazyWrite = undefined;
          this.lazyTimer = undefined;
          return this.writer.write().then(resolve);
        };
      });
    }
    return this.lazyWrite;
  }

  /** Write any deferred completions now (on stop). */
  async flush(): Promise<void> {
    if (this.lazyWrite) await this.flushLazy?.();
    await this.writer.idle();
  }

  private snapshot(): JournalFile {
    return { version: 1, pending: [...this.pending.values()] };
  }
}

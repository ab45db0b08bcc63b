import { checkSectionName, type SectionRecord, type SectionRecords, type SnapshotProvider, type StateStore } from './state-store';

/** How long an `appendLazy` record may wait for another write to carry it (as the state log). */
const LAZY_MS = 100;

/**
 * What a MemoryStateStore keeps "on disk": share one between two stores to model a restart.
 * Records are stored as JSON text, so what comes back is what a real store would give.
 */
export class MemoryState {
  lines: Array<{ section: string; json: string }> = [];
}

/**
 * A StateStore in memory, for tests and for bots that must not write anything. It keeps the
 * same semantics as the file log (order, prefix, lazy appends held up to 100 ms), so a test can
 * model a restart (a second store over the same MemoryState) or a kill (`kill()`).
 * @example
 * const state = new MemoryState();
 * const store = new MemoryStateStore(state);
 * await store.append('inbox', { a: [] });
 * const again = new MemoryStateStore(state); // a restart: (await again.open()).get('inbox')
 */
export class MemoryStateStore implements StateStore {
  readonly location = 'memory';
  private readonly snapshots = new Map<string, SnapshotProvider>();
  private opened: SectionRecords | undefined;
  private lazy: Array<{ section: string; json: string }> = [];
  private lazyTimer: NodeJS.Timeout | undefined;
  private killed = false;

  constructor(readonly state: MemoryState = new MemoryState()) {}

  register(section: string, snapshot: SnapshotProvider): void {
    checkSectionName(section, this.snapshots);
    this.snapshots.set(section, snapshot);
  }

  open(): Promise<SectionRecords> {
    if (!this.opened) {
      const records = new Map<string, unknown[]>();
      for (const { section, json } of this.state.lines) {
        let list = records.get(section);
        if (!list) records.set(section, (list = []));
        list.push(JSON.parse(json) as unknown);
      }
      this.opened = records;
    }
    return Promise.resolve(this.opened);
  }

  append(section: string, record: unknown): Promise<void> {
    return this.appendAll([[section, record]]);
  }

  appendAll(records: readonly SectionRecord[]): Promise<void> {
    // Lazy records appended earlier go first: the prefix rule holds across both kinds.
    this.writeLazy();
    if (!this.killed) for (const [section, record] of records) this.state.lines.push({ section, json: JSON.stringify(record) });
    return Promise.resolve();
  }

  appendLazy(section: string, record: unknown): Promise<void> {
    this.lazy.push({ section, json: JSON.stringify(record) });
    if (!this.lazyTimer) {
      this.lazyTimer = setTimeout(() => this.writeLazy(), LAZY_MS);
      this.lazyTimer.unref();
    }
    return Promise.resolve();
  }

  flush(): Promise<void> {
    this.writeLazy();
    return Promise.resolve();
  }

  compact(): Promise<void> {
    this.writeLazy();
    if (this.killed) return Promise.resolve();
    const lines: Array<{ section: string; json: string }> = [];
    for (const [section, snapshot] of this.snapshots) for (const record of snapshot()) lines.push({ section, json: JSON.stringify(record) });
    this.state.lines = lines;
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.flush();
  }

  /** End as a killed process would: lazy records not yet written are lost, nothing more is kept. */
  kill(): void {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    this.lazy = [];
    this.killed = true;
  }

  private writeLazy(): void {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    const lines = this.lazy;
    this.lazy = [];
    if (!this.killed) this.state.lines.push(...lines);
  }
}

import fsSync, { promises as fs } from 'node:fs';
import path from 'node:path';
import { GroupCommit } from './group-commit';
import { writePrivateFileAtomic } from './secure-file';
import { checkSectionName, type SectionRecord, type SectionRecords, type SnapshotProvider, type StateStore } from './state-store';

/** How long an `appendLazy` record may wait for another write to carry it. */
const LAZY_MS = 100;
/** Compact once the log grew by this much since it was last rewritten (and by 4× the snapshot). */
const DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024;

/**
 * What an acknowledged append survives. `'process'` (the default): a crash or kill of the
 * process (the line is in the kernel's page cache). `'power'`: also a power loss or kernel
 * crash: each group commit is flushed to the disk (`fdatasync`) before its appends resolve.
 */
export type Durability = 'process' | 'power';

export interface StateLogOptions {
  /** A write that failed (the records stay in memory; the next write or compaction retries them). */
  onError(err: Error): void;
  compactBytes?: number;
  /** Default `'process'`. */
  durability?: Durability | undefined;
  /**
   * Flushes the file's data to the disk (`'power'` only). Default: `fdatasync` through the thread
   * pool, so the appends made meanwhile gather into the next group. A seam for tests.
   */
  syncData?: ((fd: number) => Promise<void>) | undefined;
}

const fdatasync = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fsSync.fdatasync(fd, (err) => (err ? reject(err) : resolve())));

/**
 * The embedded StateStore: an append-only log of small JSON records, one file for everything a
 * bot must not lose (session keys, inbox journal, outbox, plugin storage). Each line is
 * `<section>\t<json>\n`.
 *
 * Why a log: the state changes on every message. Rewriting whole JSON files (temp file +
 * rename, three files per message) cost more CPU than handling the message; appending a
 * line costs one `write` shared by everything appended meanwhile (group commit).
 *
 * - Durability: `append()` resolves once its line was written to the file (the kernel holds
 *   it: a killed process loses nothing). Appends use a synchronous `write` of the whole group:
 *   a few KB into the page cache cost ~5 µs, against ~25 µs of CPU for the same write through
 *   the thread pool and its wake-ups. With `durability: 'power'` each group is also flushed to
 *   the disk (`fdatasync`, off the main thread) before its appends resolve; appends made during
 *   the flush form the next group, so a slow disk makes groups larger, not more numerous.
 *   Compaction then also flushes the new file before the rename and the directory after it.
 * - Order: lines reach the file in `append()` order, so a line on disk implies every earlier
 *   line is too (the Bot relies on it: the journal line of a batch precedes its sync keys).
 * - Torn tail: a crash can cut the last line short; `open()` drops it and truncates it away.
 * - Compaction: when the file grows past `compactBytes`, each section's snapshot provider
 *   gives the records of its current state; they replace the file atomically (temp + rename).
 *   Owners must change their in-memory state before (or in the same tick as) appending the
 *   record that describes the change, so a snapshot never misses a change whose record it
 *   replaces.
 * @example
 * const log = new StateLog(path.join(home, 'state.log'), { onError: report });
 * log.register('inbox', () => [{ a: pending }]);
 * const saved = await log.open(); // saved.get('inbox'): that section's records
 * await log.append('inbox', { a: [entry] });
 */
export class StateLog implements StateStore {
  private readonly snapshots = new Map<string, SnapshotProvider>();
  private opened: Promise<SectionRecords> | undefined;
  private fd: number | undefined;
  /** Lines waiting for the next write (one `write` carries everything appended meanwhile). */
  private readonly commits = new GroupCommit<string>({ writeGroup: () => this.writeGroup(), more: () => this.compactRequested, lazyMs: LAZY_MS });
  private bytes = 0;
  private snapshotBytes = 0;
  /** compact() asked for a rewrite: the drain loop does it, so it never races an append. */
  private compactRequested = false;
  /** A failed write left part of a line: the next write starts a new line first. */
  private tornTail = false;
  /** kill() was called: nothing more reaches the file. */
  private killed = false;
  private readonly compactBytes: number;
  private readonly power: boolean;
  private readonly syncData: (fd: number) => Promise<void>;
  /** 'power': the directory entry of a file this log created is not flushed yet. */
  private dirUnsynced = false;

  constructor(
    readonly file: string,
    private readonly options: StateLogOptions,
  ) {
    this.compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.power = options.durability === 'power';
    this.syncData = options.syncData ?? fdatasync;
  }

  get location(): string {
    return this.file;
  }

  /** A section's snapshot provider; register every section before the first append. */
  register(section: string, snapshot: SnapshotProvider): void {
    checkSectionName(section, this.snapshots);
    this.snapshots.set(section, snapshot);
  }

  /**
   * Read the saved records (once; later calls return the same) and get ready to append.
   * Lines that cannot be parsed are skipped and reported (a torn last line silently).
   */
  open(): Promise<SectionRecords> {
    this.opened ??= this.readAndOpen();
    return this.opened;
  }

  /** Append a record; resolves once it is in the file. */
  append(section: string, record: unknown): Promise<void> {
    return this.commits.add([`${section}\t${JSON.stringify(record)}\n`]);
  }

  /** Append records together: one write carries them all, in order. */
  appendAll(records: readonly SectionRecord[]): Promise<void> {
    return this.commits.add(records.map(([section, record]) => `${section}\t${JSON.stringify(record)}\n`));
  }

  /**
   * Append a record nobody waits for: it goes out with the next write, or within 100 ms.
   * For records whose loss in a crash only costs repeated work (a message marked handled).
   */
  appendLazy(section: string, record: unknown): Promise<void> {
    return this.commits.addLazy([`${section}\t${JSON.stringify(record)}\n`]);
  }

  /** Resolves once everything appended so far is in the file. */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  /** Rewrite the file as the sections' current snapshots now. */
  async compact(): Promise<void> {
    this.compactRequested = true;
    this.commits.start();
    await this.flush();
  }

  /** Flush and close the file; appends after this reopen it. */
  async close(): Promise<void> {
    await this.flush();
    this.closeFd();
  }

  /**
   * End as a killed process would: records not yet written (lazy ones waiting for a write) are
   * lost and the file is closed without a flush. For crash tests in one process.
   */
  kill(): void {
    this.killed = true;
    for (const w of this.commits.cancel()) w.resolve();
    this.closeFd();
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) fsSync.closeSync(fd);
  }

  private async readAndOpen(): Promise<SectionRecords> {
    const text = await readIfExists(this.file);
    const parsed = parseStateLog(text);
    if (parsed.unreadable > 0) this.options.onError(new Error(`state log ${this.file}: ${parsed.unreadable} unreadable line(s) skipped`));
    if (parsed.torn) {
      // The last line was cut short by a crash: drop it, or the next append would be glued to it.
      await fs.truncate(this.file, parsed.bytes);
    }
    this.bytes = parsed.bytes;
    this.snapshotBytes = parsed.bytes;
    return parsed.records;
  }

  /** One write of the group commit: the lines appended meanwhile, or a compaction. */
  private async writeGroup(): Promise<boolean> {
    const { items: lines, waiters } = this.commits.take();
    try {
      await this.open();
      if (this.compactRequested || (this.bytes > this.compactBytes && this.bytes > 4 * this.snapshotBytes)) {
        this.compactRequested = false;
        // The snapshot already reflects these lines' changes (owners change state first).
        await this.rewrite();
      } else {
        this.write(lines.join(''));
        // The lines are in the file: a failed flush is reported, never written twice.
        if (this.power) await this.flushToDisk().catch((err: unknown) => this.options.onError(err as Error));
      }
    } catch (err) {
      // Keep the lines: the next write (or compaction) carries them.
      this.commits.putBack(lines);
      this.options.onError(err as Error);
      for (const w of waiters) w.resolve();
      return false;
    }
    for (const w of waiters) w.resolve();
    return true;
  }


  private write(data: string): void {
    if (this.killed) return;
    const fd = this.appendFd();
    // After a partial write the lines are written again whole; the fragment becomes a line of
    // its own (skipped when read) instead of being glued to the first of them.
    const bytes = Buffer.from(this.tornTail ? `\n${data}` : data, 'utf8');
    let offset = 0;
    try {
      while (offset < bytes.length) offset += fsSync.writeSync(fd, bytes, offset, bytes.length - offset);
    } finally {
      this.bytes += offset;
      this.tornTail = offset > 0 && offset < bytes.length ? true : this.tornTail && offset === 0;
    }
  }

  /** 'power': the data written so far (and a new file's directory entry) onto the disk. */
  private async flushToDisk(): Promise<void> {
    if (this.killed || this.fd === undefined) return;
    await this.syncData(this.fd);
    if (this.dirUnsynced) {
      await syncDir(path.dirname(this.file));
      this.dirUnsynced = false;
    }
  }

  private appendFd(): number {
    if (this.fd !== undefined) return this.fd;
    // 'power': a file this call creates needs its directory entry flushed too.
    if (this.power && !fsSync.existsSync(this.file)) this.dirUnsynced = true;
    try {
      this.fd = fsSync.openSync(this.file, 'a', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const dir = path.dirname(this.file);
      fsSync.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fsSync.chmodSync(dir, 0o700);
      this.fd = fsSync.openSync(this.file, 'a', 0o600);
    }
    return this.fd;
  }

  private async rewrite(): Promise<void> {
    if (this.killed) return;
    const lines: string[] = [];
    for (const [section, snapshot] of this.snapshots) {
      for (const record of snapshot()) lines.push(`${section}\t${JSON.stringify(record)}\n`);
    }
    const data = lines.join('');
    await writePrivateFileAtomic(this.file, data, this.power ? { syncData: this.syncData } : undefined);
    this.tornTail = false;
    // The open descriptor points at the replaced file: appends must go to the new one.
    const wasOpen = this.fd !== undefined;
    this.closeFd();
    if (wasOpen) this.appendFd();
    this.bytes = Buffer.byteLength(data);
    this.snapshotBytes = this.bytes;
  }
}

/** Flush a directory's entries (a created or renamed file) to the disk. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** The records of a log's text; `bytes` is the length of its complete lines, `torn` whether a partial one follows. */
function parseStateLog(text: string): { records: SectionRecords; bytes: number; torn: boolean; unreadable: number } {
  const records = new Map<string, unknown[]>();
  const complete = text.lastIndexOf('\n') + 1;
  let unreadable = 0;
  let start = 0;
  while (start < complete) {
    const end = text.indexOf('\n', start);
    const tab = text.indexOf('\t', start);
    try {
      if (tab <= start || tab > end) throw new Error('no section');
      const section = text.slice(start, tab);
      const record = JSON.parse(text.slice(tab + 1, end)) as unknown;
      let list = records.get(section);
      if (!list) records.set(section, (list = []));
      list.push(record);
    } catch {
      unreadable += 1;
    }
    start = end + 1;
  }
  return { records, bytes: Buffer.byteLength(text.slice(0, complete)), torn: complete < text.length, unreadable };
}

/** Read a state log's records without writing to it (tools, tests). */
export async function readStateLog(file: string): Promise<SectionRecords> {
  return parseStateLog(await readIfExists(file)).records;
}

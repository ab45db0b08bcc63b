import type { SectionRecord, SectionRecords, SnapshotProvider, StateStore } from '@wxbot/core';
import { checkSectionName, GroupCommit, type CommitWaiter } from '@wxbot/core/internals';
import type { Redis } from 'ioredis';
import { isFenced, withScripts, type RedisClient, type ScriptCommands } from './commands';
import type { AccountKeys } from './keys';
import type { Lease } from './lease';
import { RedisMediaStash } from './media-stash';
import { reportAccountStatus } from './accounts';
import { NotReplicatedError, replicaWaitOf, runDurably } from './replica-wait';
import type { ReplicaWait } from './url';

/** How long an `appendLazy` record may wait for another write to carry it (as the state log). */
const LAZY_MS = 100;
/** Compact once the log holds this many records (and 4× its last snapshot). */
const DEFAULT_COMPACT_RECORDS = 20_000;
/** Records read per LRANGE when opening. */
const READ_CHUNK = 5_000;

export interface RedisStateStoreOptions {
  /** The lease of the account: its fencing token goes with every write. */
  lease: Lease;
  /** Shown in messages (`RedisStateStore.location`): a URL without its password. */
  location?: string;
  /** A write that failed and will be retried (Redis unreachable): the store pauses until it succeeds. */
  onError?(err: Error): void;
  /** Retry back-off while Redis is unreachable. Default 100 ms doubling to 2 s. */
  retry?: { baseMs: number; capMs: number };
  compactRecords?: number;
  /** Largest media a queued send keeps in Redis (`store.media`). Default 25 MiB. */
  mediaMaxBytes?: number;
  /** Close the client too on release(). Default false (openRedisStore sets it). */
  ownsClient?: boolean;
  /**
   * Acknowledge a write group only once this many replicas have it (`WAIT`; the URL's `?wait=N`):
   * a failover then loses no acknowledged write. Fewer replicas in time: the write is retried
   * and the account pauses meanwhile. Default: acknowledged when the master applied it.
   */
  replicaWait?: ReplicaWait;
}

/** One write group: the records of everything appended meanwhile, applied once by its `seq`. */
interface Group {
  seq: number;
  mode: 'a' | 'r';
  records: string[];
  waiters: CommitWaiter[];
}

/**
 * A StateStore in Redis, for one account: its records are a Redis LIST `wxbot:{account}:log` of
 * `<section>\t<json>`, read back in order at `open()`.
 *
 * - Group commit: everything appended in one tick (and while a write is in flight) goes out as
 *   one Lua script call, which checks the lease's fencing token and appends the records
 *   atomically: a batch's journal and keys land together or not at all.
 * - Durability: an append resolves once Redis applied it (what survives a Redis crash is Redis's
 *   persistence: AOF `appendfsync always` loses nothing, `everysec` up to a second; see
 *   docs/scaling.md). Redis keeps a script's writes in order, so what survives is a prefix.
 * - Redis unreachable: the write is retried with back-off until it succeeds and the append's
 *   promise stays pending meanwhile: the bot pauses (no batch is acknowledged, no send is written
 *   ahead) and resumes when Redis is back. A retried write is applied once (its sequence number).
 * - Lease lost: the write is refused in Redis and every append, pending or later, rejects with
 *   WXBOT_LEASE_LOST.
 * @example
 * const lease = await acquireLease(redis, 'sales-1');
 * const store = new RedisStateStore(redis, { lease });
 * const bot = new Bot({ store, plugins });
 */
export class RedisStateStore implements StateStore {
  readonly location: string;
  readonly account: string;
  private readonly redis: Redis & ScriptCommands;
  private readonly keys: AccountKeys;
  /** The account's lease: `store.lease.onLost(...)` tells when another worker took it. */
  readonly lease: Lease;
  /** Where media waiting to be sent keep their bytes: pass it as `BotOptions.mediaStash`. */
  readonly media: RedisMediaStash;
  private readonly snapshots = new Map<string, SnapshotProvider>();
  private opened: Promise<SectionRecords> | undefined;
  /** Records waiting for the next write: one script call carries everything appended meanwhile. */
  private readonly commits = new GroupCommit<string>({ writeGroup: () => this.writeNext(), more: () => this.pending !== undefined || this.compactRequested, lazyMs: LAZY_MS });
  private pending: Group | undefined;
  private compactRequested = false;
  private seq = 0;
  private count = 0;
  private snapshotCount = 0;
  private killed = false;
  private readonly compactRecords: number;
  private readonly replicaWait: ReplicaWait | undefined;

  constructor(redis: RedisClient, private readonly options: RedisStateStoreOptions) {
    this.redis = withScripts(redis);
    this.lease = options.lease;
    this.keys = options.lease.keys;
    this.account = options.lease.account;
    this.location = options.location ?? `redis#${this.account}`;
    this.compactRecords = options.compactRecords ?? DEFAULT_COMPACT_RECORDS;
    this.replicaWait = replicaWaitOf(redis, options.replicaWait);
    this.media = new RedisMediaStash(redis, { lease: options.lease, ...(options.mediaMaxBytes ? { maxBytes: options.mediaMaxBytes } : {}) });
  }

  register(section: string, snapshot: SnapshotProvider): void {
    checkSectionName(section, this.snapshots);
    this.snapshots.set(section, snapshot);
  }

  open(): Promise<SectionRecords> {
    this.opened ??= this.read();
    return this.opened;
  }

  append(section: string, record: unknown): Promise<void> {
    return this.appendAll([[section, record]]);
  }

  appendAll(records: readonly SectionRecord[]): Promise<void> {
    return this.commits.add(records.map(([section, record]) => `${section}\t${JSON.stringify(record)}`));
  }

  appendLazy(section: string, record: unknown): Promise<void> {
    const written = this.commits.addLazy([`${section}\t${JSON.stringify(record)}`]);
    // Nobody awaits a lazy record: a lost lease is reported by the other appends.
    written.catch(() => undefined);
    return written;
  }

  async flush(): Promise<void> {
    await this.commits.flush();
    this.lease.assertHeld();
  }

  async compact(): Promise<void> {
    this.compactRequested = true;
    this.commits.start();
    await this.flush();
  }

  /**
   * Report the bot's state (and the governor's) for `wxbot accounts list`; a display value, not
   * fenced. Failures are ignored (Redis down: the list shows the last one).
   * @example
   * bot.on('state', (state) => void store.reportStatus({ state }));
   */
  async reportStatus(fields: { state?: string; governor?: string }): Promise<void> {
    await reportAccountStatus(this.redis, this.account, fields).catch(() => undefined);
  }

  /** Flush. The lease stays held (appends after this still land): `release()` gives it back. */
  async close(): Promise<void> {
    await this.flush();
  }

  /**
   * Flush, give the account's lease back (another worker may take it at once) and, with
   * `ownsClient`, close the connection. The store cannot write after this.
   * @example
   * await bot.stop(); // closes the store (a flush)
   * await store.release();
   */
  async release(): Promise<void> {
    try {
      if (!this.lease.lost) await this.flush();
      await this.lease.release();
    } finally {
      if (this.options.ownsClient) await this.redis.quit().catch(() => this.redis.disconnect());
    }
  }

  /**
   * End as a killed process would: records not yet written are lost, the lease is not released
   * (it expires after its TTL) and nothing more is written. For crash tests in one process.
   */
  kill(): void {
    this.killed = true;
    this.lease.abandon();
    this.dropAll();
    if (this.options.ownsClient) this.redis.disconnect();
  }

  private async read(): Promise<SectionRecords> {
    this.lease.assertHeld();
    const records = new Map<string, unknown[]>();
    const [seq] = await this.redis.hmget(this.keys.meta, 'seq');
    this.seq = Number(seq ?? 0);
    let unreadable = 0;
    for (let start = 0; ; start += READ_CHUNK) {
      const lines = await this.redis.lrange(this.keys.log, start, start + READ_CHUNK - 1);
      for (const line of lines) {
        const tab = line.indexOf('\t');
        try {
          if (tab <= 0) throw new Error('no section');
          const section = line.slice(0, tab);
          let list = records.get(section);
          if (!list) records.set(section, (list = []));
          list.push(JSON.parse(line.slice(tab + 1)) as unknown);
        } catch {
          unreadable += 1;
        }
      }
      this.count += lines.length;
      if (lines.length < READ_CHUNK) break;
    }
    this.snapshotCount = this.count;
    if (unreadable > 0) this.options.onError?.(new Error(`state store ${this.location}: ${unreadable} unreadable record(s) skipped`));
    return records;
  }

  /** One write of the group commit: one script call for the records appended meanwhile. */
  private async writeNext(): Promise<boolean> {
    try {
      await this.open();
      if (!this.killed) {
        this.pending ??= this.nextGroup();
        await this.writeGroup(this.pending);
        if (!this.killed) {
          this.pending = undefined;
          return true;
        }
      }
      // Killed: nothing reaches Redis any more; appends resolve as a dead process's would never.
      this.dropAll();
    } catch (err) {
      this.failAll(err as Error);
    }
    return false;
  }

  private nextGroup(): Group {
    const taken = this.commits.take();
    const waiters = taken.waiters;
    let records = taken.items;
    let mode: Group['mode'] = 'a';
    if (this.compactRequested || (this.count + records.length > this.compactRecords && this.count + records.length > 4 * this.snapshotCount)) {
      this.compactRequested = false;
      // The snapshot already reflects these records' changes (owners change state first).
      records = [];
      for (const [section, snapshot] of this.snapshots) for (const record of snapshot()) records.push(`${section}\t${JSON.stringify(record)}`);
      mode = 'r';
    }
    return { seq: this.seq + 1, mode, records, waiters };
  }

  /** Apply one group, retrying with back-off while Redis is unreachable; throws only if the lease is lost. */
  private async writeGroup(group: Group): Promise<void> {
    const { baseMs, capMs } = this.options.retry ?? { baseMs: 100, capMs: 2_000 };
    for (let attempt = 0; ; attempt++) {
      this.lease.assertHeld();
      try {
        await runDurably(this.redis, this.replicaWait, 'wxbotWrite', this.keys.lease, this.keys.fence, this.keys.log, this.keys.meta, String(this.lease.token), group.seq, group.mode, ...group.records);
        break;
      } catch (err) {
        if (isFenced(err)) throw this.lease.markLost('a write was refused: its fencing token is stale');
        if (this.killed) return;
        if (attempt === 0) this.options.onError?.(new Error(`state store ${this.location}: write failed (${(err as Error).message}); the account pauses and retries until ${err instanceof NotReplicatedError ? 'the replicas have it' : 'Redis answers'}`, { cause: err }));
        await new Promise((resolve) => setTimeout(resolve, Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16))));
      }
    }
    this.seq = group.seq;
    if (group.mode === 'r') this.count = this.snapshotCount = group.records.length;
    else this.count += group.records.length;
    for (const w of group.waiters) w.resolve();
  }

  private dropAll(): void {
    for (const w of this.settleAll()) w.resolve();
  }

  private failAll(err: Error): void {
    for (const w of this.settleAll()) w.reject(err);
  }

  /** Drops the pending group and the queue; returns their waiters. */
  private settleAll(): CommitWaiter[] {
    const waiters = [...(this.pending?.waiters ?? []), ...this.commits.cancel()];
    this.pending = undefined;
    return waiters;
  }
}

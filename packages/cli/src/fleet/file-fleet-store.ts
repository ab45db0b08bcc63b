import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AccountClaim, AccountLease, FleetStore, WorkerInfo } from './fleet-store';
import { isAccountName, isLiveWorker } from './fleet-store';

interface LeaseRecord {
  owner: string;
  token: number;
  /** Epoch ms; 0 once released. */
  expiresAt: number;
}

const LOCK_STALE_MS = 5_000;
/** The workers' heartbeats: '@' is no account name's character, so `list()` never sees it. */
const WORKERS_DIR = '@workers';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fleet store in a directory, for workers on one machine (several `wxbot fleet` processes may
 * share it): `<dir>/<account>/` is the account's home (its state log) and marks it registered;
 * `<dir>/<account>/lease.json` is its lease (owner, fencing token, expiry), changed only under
 * `lease.lock`, a file created exclusively (O_EXCL), so two workers never both take an account.
 * `<dir>/@workers/<owner>.json` is a worker's heartbeat (one writer each: no lock).
 * The state log itself is not fenced (Redis' store checks the token on every write); a worker
 * stops its bot as soon as a renewal finds the lease taken.
 *
 * @example
 * const store = new FileFleetStore('/var/lib/wxbot/fleet');
 * await store.register('sales-1');
 */
export class FileFleetStore implements FleetStore {
  constructor(readonly dir: string) {}

  async list(): Promise<string[]> {
    const entries = await fs.readdir(this.dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    return entries.filter((e) => e.isDirectory() && isAccountName(e.name)).map((e) => e.name).sort();
  }

  async register(account: string): Promise<void> {
    if (!isAccountName(account)) throw new Error(`account name ${JSON.stringify(account)} is not allowed; use 1-64 letters, digits, ".", "_" or "-" (e.g. "sales-1")`);
    await fs.mkdir(path.join(this.dir, account), { recursive: true, mode: 0o700 });
  }

  async holders(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const now = Date.now();
    for (const account of await this.list()) {
      const lease = await this.read(account);
      if (lease && lease.expiresAt > now) out.set(account, lease.owner);
    }
    return out;
  }

  async acquire(account: string, owner: string, ttlMs: number): Promise<AccountClaim | undefined> {
    const token = await this.locked(account, async () => {
      const current = await this.read(account);
      if (current && current.expiresAt > Date.now() && current.owner !== owner) return undefined;
      const next = (current?.token ?? 0) + 1;
      await this.write(account, { owner, token: next, expiresAt: Date.now() + ttlMs });
      return next;
    });
    if (token === undefined) return undefined;
    return { lease: new FileLease(this, account, owner, token, ttlMs), home: path.join(this.dir, account) };
  }

  async heartbeat(info: WorkerInfo): Promise<void> {
    const dir = path.join(this.dir, WORKERS_DIR);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `${encodeURIComponent(info.owner)}.json`);
    await fs.writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(info), { mode: 0o600 });
    await fs.rename(`${file}.${process.pid}.tmp`, file);
  }

  async workers(): Promise<WorkerInfo[]> {
    const dir = path.join(this.dir, WORKERS_DIR);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const now = Date.now();
    const out: WorkerInfo[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const info = await fs.readFile(path.join(dir, name), 'utf8').then((t) => JSON.parse(t) as WorkerInfo, () => undefined);
      if (!info) continue;
      if (isLiveWorker(info, now)) out.push(info);
      // Long gone (a killed worker): nobody else removes its file.
      else if (info.heartbeatAt + 10 * info.ttlMs < now) await fs.rm(path.join(dir, name), { force: true });
    }
    return out;
  }

  async removeWorker(owner: string): Promise<void> {
    await fs.rm(path.join(this.dir, WORKERS_DIR, `${encodeURIComponent(owner)}.json`), { force: true });
  }

  /** Extends the lease if `token` still holds it; false when another worker took it. */
  async renew(account: string, owner: string, token: number, ttlMs: number): Promise<boolean> {
    return this.locked(account, async () => {
      const current = await this.read(account);
      if (!current || current.token !== token) return false;
      await this.write(account, { owner, token, expiresAt: Date.now() + ttlMs });
      return true;
    });
  }

  /** Ends the lease of `token` (the token stays, so the next holder's is larger). */
  async release(account: string, token: number): Promise<void> {
    await this.locked(account, async () => {
      const current = await this.read(account);
      if (current && current.token === token) await this.write(account, { ...current, expiresAt: 0 });
    });
  }

  private file(account: string, name: string): string {
    return path.join(this.dir, account, name);
  }

  private async read(account: string): Promise<LeaseRecord | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(account, 'lease.json'), 'utf8')) as LeaseRecord;
    } catch {
      return undefined;
    }
  }

  private async write(account: string, record: LeaseRecord): Promise<void> {
    const tmp = this.file(account, `lease.json.${process.pid}.tmp`);
    await fs.writeFile(tmp, JSON.stringify(record), { mode: 0o600 });
    await fs.rename(tmp, this.file(account, 'lease.json'));
  }

  /** Runs `fn` holding `<account>/lease.lock`; a lock left by a crashed worker is broken after 5 s. */
  private async locked<T>(account: string, fn: () => Promise<T>): Promise<T> {
    const lock = this.file(account, 'lease.lock');
    for (;;) {
      try {
        const handle = await fs.open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const stat = await fs.stat(lock).catch(() => undefined);
        if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) await fs.rm(lock, { force: true });
        else await sleep(5 + Math.random() * 10);
      }
    }
    try {
      return await fn();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }
}

/** A lease in a {@link FileFleetStore}, renewed every third of its TTL. */
class FileLease implements AccountLease {
  private timer: NodeJS.Timeout | undefined;
  private lostError: Error | undefined;
  private readonly listeners: Array<(err: Error) => void> = [];
  private done = false;

  constructor(
    private readonly store: FileFleetStore,
    readonly account: string,
    private readonly owner: string,
    readonly token: number,
    private readonly ttlMs: number,
  ) {
    this.schedule();
  }

  get lost(): boolean {
    return this.lostError !== undefined;
  }

  onLost(listener: (err: Error) => void): void {
    if (this.lostError) listener(this.lostError);
    else this.listeners.push(listener);
  }

  async release(): Promise<void> {
    clearTimeout(this.timer);
    if (this.done || this.lostError) return;
    this.done = true;
    await this.store.release(this.account, this.token);
  }

  abandon(): void {
    clearTimeout(this.timer);
    this.done = true;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.store.renew(this.account, this.owner, this.token, this.ttlMs).then(
        (held) => {
          if (this.done) return;
          if (held) this.schedule();
          else this.markLost();
        },
        // A renewal that could not write (disk full, dir gone) is retried; the TTL is the limit.
        () => this.done || this.schedule(),
      );
    }, Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private markLost(): void {
    this.lostError = new Error(`account "${this.account}": lease lost (fencing token ${this.token}); another worker took the account`);
    for (const listener of this.listeners.splice(0)) listener(this.lostError);
  }
}

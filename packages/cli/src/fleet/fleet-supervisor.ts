import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fairShare, handOffCount, type WorkerLoad } from './fair-share';
import type { AccountClaim, FleetStore, WorkerInfo } from './fleet-store';

/** What the supervisor needs of a bot: the `Bot` of `@wxbot/core` is one. */
export interface FleetBot {
  /** Resolves once the account is ready (logged in, contacts loaded). */
  start(): Promise<void>;
  /** Stops the bot, its state saved (the session, the journal, the outbox). */
  stop(): Promise<void>;
  /** Its lifecycle state; a hand-over picks only `running` bots (none mid-login) when known. */
  readonly state?: string;
  /** Its queued sends; a hand-over prefers bots with none. */
  readonly outbox?: { readonly size: number };
}

export type FleetEvent =
  | { type: 'claimed'; account: string; token: number }
  | { type: 'ready'; account: string }
  | { type: 'failed'; account: string; error: Error }
  | { type: 'lost'; account: string; error: Error }
  | { type: 'released'; account: string }
  /**
   * Its bot stopped by itself after it was ready (logged out from the phone or through the API):
   * the lease is released and the account left alone for `retryAfterMs`, then claimed again (a QR).
   */
  | { type: 'ended'; account: string }
  /** Stopped and released for a worker below its fair share to claim (rebalancing). */
  | { type: 'handed-off'; account: string; token: number };

/** What this worker adds to its heartbeat (`wxbot accounts workers`), read at every scan. */
export interface WorkerExtras {
  /** The URL of its control API, when it serves one. */
  url?: string;
}

export interface FleetOptions {
  store: FleetStore;
  /** This worker's name in the leases (default `<hostname>:<pid>` in the CLI). */
  owner: string;
  /** Most accounts this worker runs at once. */
  maxAccounts: number;
  /** Lease TTL: a dead worker's accounts are taken over this long after its last renewal. Default 15 s. */
  ttlMs?: number;
  /** How often to look for accounts no live worker holds. Default a third of the TTL. */
  scanIntervalMs?: number;
  /** After a bot failed to start, leave its account alone this long (other workers may try). Default 60 s. */
  retryAfterMs?: number;
  /** A bot for `account`, its state where `claim` says (home, store). Not started yet. */
  /**
   * After this worker handed an account over, leave it alone this long, so the worker it was
   * meant for claims it (no ping-pong). Default 4 × the TTL.
   */
  handOffCooldownMs?: number;
  /** Most accounts handed over per scan (no thundering herd). Default 2. */
  maxHandOffsPerScan?: number;
  /** The wxbot version in this worker's heartbeat. Default the CLI's package version. */
  version?: string;
  /** What else this worker's heartbeat carries, e.g. `() => ({ url: controlApi.url })`. */
  worker?(): WorkerExtras;
  createBot(account: string, claim: AccountClaim): FleetBot | Promise<FleetBot>;
  onEvent?(event: FleetEvent): void;
}

let version: string | undefined;
/** This CLI's version (dist/ and src/ both sit two levels below its package.json), read once. */
function cliVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

interface Running {
  claim: AccountClaim;
  bot: FleetBot;
  ready: boolean;
}

/**
 * Runs many accounts in one process: on each scan it claims registered accounts that no live
 * worker holds, up to `maxAccounts`, and starts a bot for each; a bot whose lease is lost (another
 * worker took the account after this one stalled) is stopped at once. Each scan also renews this
 * worker's heartbeat in the store, so every live worker counts, even one that holds nothing yet.
 * Spreading: a scan claims no more than this worker's fair share (see `fairShare`: registered ÷
 * live workers, rounded up, within each worker's `maxAccounts`); accounts still unheld one scan
 * later are taken by whoever has room. Rebalancing: a worker above its fair share while another
 * is below hands a few ready, preferably idle accounts over per scan (stops the bot, its state
 * saved, then releases the lease) and leaves them alone for a cooldown, so the other claims them
 * and resumes their sessions.
 *
 * @example
 * const fleet = new FleetSupervisor({ store: new FileFleetStore(dir), owner: 'w1', maxAccounts: 100,
 *   createBot: (account, { home, store }) => new Bot({ home, store, plugins: [echo()] }) });
 * await fleet.start();
 */
export class FleetSupervisor {
  private readonly running = new Map<string, Running>();
  private readonly failedAt = new Map<string, number>();
  /** Accounts this worker handed over, and until when it leaves them alone. */
  private readonly cooldownUntil = new Map<string, number>();
  /** Hand-overs under way (bot stopping, then the release). */
  private readonly handingOff = new Map<string, Promise<void>>();
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private scanning: Promise<void> | undefined;
  /** Accounts that were unheld at the previous scan: anyone with room takes them now. */
  private unheldBefore = new Set<string>();
  /** How many accounts the previous scan found to hand over (a hand-over needs two scans in a row). */
  private excessBefore = 0;

  constructor(private readonly options: FleetOptions) {}

  private get ttlMs(): number {
    return this.options.ttlMs ?? 15_000;
  }

  /** Scans once, then every `scanIntervalMs` until `stop()`. */
  async start(): Promise<void> {
    await this.scan();
    const every = this.options.scanIntervalMs ?? Math.max(50, Math.floor(this.ttlMs / 3));
    const tick = (): void => {
      // A scan that failed (the store unreachable) is tried again at the next tick.
      this.timer = setTimeout(() => void this.scan().catch(() => undefined).finally(() => this.stopped || tick()), every);
    };
    tick();
  }

  /** Accounts this worker runs, and whether each is ready. */
  accounts(): Array<{ account: string; token: number; ready: boolean }> {
    return [...this.running].map(([account, r]) => ({ account, token: r.claim.lease.token, ready: r.ready }));
  }

  /** One pass: heartbeat, claim what is free (within the share and `maxAccounts`), hand over the excess. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /** This worker's heartbeat as the store records it. */
  private heartbeat(): WorkerInfo {
    const extras = this.options.worker?.() ?? {};
    return {
      owner: this.options.owner,
      startedAt: this.startedAt,
      heartbeatAt: Date.now(),
      ttlMs: this.ttlMs,
      accounts: this.running.size,
      maxAccounts: this.options.maxAccounts,
      ...(extras.url !== undefined ? { url: extras.url } : {}),
      version: this.options.version ?? cliVersion(),
    };
  }

  private async scanOnce(): Promise<void> {
    if (this.stopped) return;
    const { store, owner, maxAccounts } = this.options;
    await this.reapEnded();
    await store.heartbeat(this.heartbeat());
    const [registered, holders, live] = await Promise.all([store.list(), store.holders(), store.workers()]);
    const { loads, leaving } = this.loads(holders, live);
    const share = fairShare(owner, registered.length, loads);
    const now = Date.now();
    for (const [account, until] of this.cooldownUntil) if (until <= now) this.cooldownUntil.delete(account);
    const unheld = registered.filter((a) => !holders.has(a) && !this.running.has(a));
    const free = unheld.filter((a) => !this.cooldownUntil.has(a) && now - (this.failedAt.get(a) ?? -Infinity) >= (this.options.retryAfterMs ?? 60_000));
    const stale = free.filter((a) => this.unheldBefore.has(a));
    const fresh = free.filter((a) => !this.unheldBefore.has(a));
    this.unheldBefore = new Set(free);
    // Fair share first; accounts left unheld for a whole scan go to whoever has room.
    const room = Math.max(0, maxAccounts - this.running.size - this.handingOff.size);
    const fair = Math.max(0, share - this.running.size - this.handingOff.size);
    const picks = [...stale, ...fresh].slice(0, Math.min(room, Math.max(fair, stale.length)));
    for (const account of picks) {
      if (this.stopped) return;
      const claim = await store.acquire(account, owner, this.ttlMs);
      if (claim) await this.launch(account, claim);
    }
    // Unheld for the others: the free accounts and this worker's on their way out.
    if (picks.length === 0) this.rebalance(registered.length, loads, unheld.filter((a) => !this.handingOff.has(a)).length + leaving);
    else this.excessBefore = 0;
  }

  /**
   * The live workers and what each holds: those with a heartbeat, those holding a lease without
   * one (an older worker: its cap unknown), and this worker. Its accounts on their way out (being
   * handed over, or released since `holders` was read) count as held by it and as free for the
   * others alike, whichever the snapshot saw, so a scan that overlaps a release moves no extra one.
   */
  private loads(holders: Map<string, string>, live: WorkerInfo[]): { loads: WorkerLoad[]; leaving: number } {
    const { owner } = this.options;
    const leaving = new Set(this.handingOff.keys());
    const held = new Map<string, number>();
    for (const [account, holder] of holders) {
      if (holder === owner && !this.running.has(account)) leaving.add(account);
      held.set(holder, (held.get(holder) ?? 0) + 1);
    }
    const caps = new Map<string, number>(live.map((w) => [w.owner, w.maxAccounts]));
    for (const holder of held.keys()) if (!caps.has(holder)) caps.set(holder, Infinity);
    caps.set(owner, this.options.maxAccounts);
    held.set(owner, this.running.size + leaving.size);
    return { loads: [...caps].map(([o, maxAccounts]) => ({ owner: o, maxAccounts, held: held.get(o) ?? 0 })), leaving: leaving.size };
  }

  /** Hands over what this worker holds above its fair share, while another worker is below its own. */
  private rebalance(total: number, loads: WorkerLoad[], unheld: number): void {
    const now = handOffCount(this.options.owner, total, loads, unheld, this.options.maxHandOffsPerScan ?? 2);
    // Hysteresis in time: a view seen once (a lease renewed late, a worker starting up) moves nothing.
    const count = Math.min(now, this.excessBefore);
    this.excessBefore = now;
    if (count <= 0) return;
    // Only ready bots (never one waiting for a QR scan), idle ones (nothing queued to send) first.
    const ready = [...this.running].filter(([, r]) => r.ready && (r.bot.state === undefined || r.bot.state === 'running'));
    ready.sort(([, a], [, b]) => (a.bot.outbox?.size ?? 0) - (b.bot.outbox?.size ?? 0));
    for (const [account, entry] of ready.slice(0, count)) {
      const done = this.handOff(account, entry).finally(() => this.handingOff.delete(account));
      this.handingOff.set(account, done);
    }
  }

  /** Stops the bot (its state saved), then releases the lease for another worker to claim. */
  private async handOff(account: string, entry: Running): Promise<void> {
    this.running.delete(account);
    this.cooldownUntil.set(account, Date.now() + (this.options.handOffCooldownMs ?? 4 * this.ttlMs));
    await entry.bot.stop().catch(() => undefined);
    // Lost meanwhile (another worker took it): nothing to release; the 'lost' listener stayed quiet
    // because the account had left `running`, so report it here.
    if (entry.claim.lease.lost) return entry.claim.lease.onLost((error) => this.options.onEvent?.({ type: 'lost', account, error }));
    await entry.claim.lease.release().catch(() => undefined);
    this.options.onEvent?.({ type: 'handed-off', account, token: entry.claim.lease.token });
  }

  private async launch(account: string, claim: AccountClaim): Promise<void> {
    const emit = (event: FleetEvent): void => this.options.onEvent?.(event);
    emit({ type: 'claimed', account, token: claim.lease.token });
    let bot: FleetBot;
    try {
      bot = await this.options.createBot(account, claim);
    } catch (err) {
      await this.fail(account, claim, err as Error);
      return;
    }
    const entry: Running = { claim, bot, ready: false };
    this.running.set(account, entry);
    claim.lease.onLost((error) => {
      if (this.running.get(account) !== entry) return;
      this.running.delete(account);
      emit({ type: 'lost', account, error });
      void bot.stop().catch(() => undefined);
    });
    // Not awaited: a QR login may wait for a phone for minutes while the other accounts run.
    bot.start().then(
      () => {
        entry.ready = true;
        emit({ type: 'ready', account });
      },
      (err: Error) => {
        if (this.running.get(account) !== entry) return;
        this.running.delete(account);
        void this.fail(account, claim, err);
      },
    );
  }

  /**
   * Bots that were ready and then stopped without the supervisor (a logout): without this their
   * accounts would stay held by a dead bot until the worker stops. Failed starts are not here:
   * `launch` handles those.
   */
  private async reapEnded(): Promise<void> {
    const ended = [...this.running].filter(([account, r]) => r.ready && r.bot.state === 'stopped' && !this.handingOff.has(account));
    for (const [account, r] of ended) {
      this.running.delete(account);
      this.failedAt.set(account, Date.now());
      this.options.onEvent?.({ type: 'ended', account });
      await r.bot.stop().catch(() => undefined);
      await r.claim.lease.release().catch(() => undefined);
    }
  }

  private async fail(account: string, claim: AccountClaim, error: Error): Promise<void> {
    this.failedAt.set(account, Date.now());
    this.options.onEvent?.({ type: 'failed', account, error });
    await claim.lease.release().catch(() => undefined);
  }

  /**
   * Stops every bot, then gives their accounts back (other workers take them without waiting).
   * `release: false` keeps the leases until they expire, as a killed worker would leave them.
   */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning?.catch(() => undefined);
    // Out of the fair share at once: the others claim this worker's accounts as they are released.
    await this.options.store.removeWorker(this.options.owner).catch(() => undefined);
    await Promise.all(this.handingOff.values());
    const all = [...this.running];
    this.running.clear();
    await Promise.all(
      all.map(async ([account, r]) => {
        await r.bot.stop().catch(() => undefined);
        if (!release) return r.claim.lease.abandon();
        await r.claim.lease.release().catch(() => undefined);
        this.options.onEvent?.({ type: 'released', account });
      }),
    );
  }
}

import type { AccountClaim, FleetStore } from './fleet-store';

/** What the supervisor needs of a bot: the `Bot` of `@wxbot/core` is one. */
export interface FleetBot {
  /** Resolves once the account is ready (logged in, contacts loaded). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type FleetEvent =
  | { type: 'claimed'; account: string; token: number }
  | { type: 'ready'; account: string }
  | { type: 'failed'; account: string; error: Error }
  | { type: 'lost'; account: string; error: Error }
  | { type: 'released'; account: string };

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
  createBot(account: string, claim: AccountClaim): FleetBot | Promise<FleetBot>;
  onEvent?(event: FleetEvent): void;
}

interface Running {
  claim: AccountClaim;
  bot: FleetBot;
  ready: boolean;
}

/**
 * Runs many accounts in one process: on each scan it claims registered accounts that no live
 * worker holds, up to `maxAccounts`, and starts a bot for each; a bot whose lease is lost (another
 * worker took the account after this one stalled) is stopped at once. Spreading: while accounts
 * are held by several workers, a scan claims no more than this worker's fair share (registered ÷
 * live workers, rounded up); accounts still unheld one scan later are taken by whoever has room.
 *
 * @example
 * const fleet = new FleetSupervisor({ store: new FileFleetStore(dir), owner: 'w1', maxAccounts: 100,
 *   createBot: (account, { home, store }) => new Bot({ home, store, plugins: [echo()] }) });
 * await fleet.start();
 */
export class FleetSupervisor {
  private readonly running = new Map<string, Running>();
  private readonly failedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private scanning: Promise<void> | undefined;
  /** Accounts that were unheld at the previous scan: anyone with room takes them now. */
  private unheldBefore = new Set<string>();

  constructor(private readonly options: FleetOptions) {}

  private get ttlMs(): number {
    return this.options.ttlMs ?? 15_000;
  }

  /** Scans once, then every `scanIntervalMs` until `stop()`. */
  async start(): Promise<void> {
    await this.scan();
    const every = this.options.scanIntervalMs ?? Math.max(50, Math.floor(this.ttlMs / 3));
    const tick = (): void => {
      this.timer = setTimeout(() => void this.scan().finally(() => this.stopped || tick()), every);
    };
    tick();
  }

  /** Accounts this worker runs, and whether each is ready. */
  accounts(): Array<{ account: string; token: number; ready: boolean }> {
    return [...this.running].map(([account, r]) => ({ account, token: r.claim.lease.token, ready: r.ready }));
  }

  /** One pass: claim what is free (within the share and `maxAccounts`) and start its bots. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    if (this.stopped) return;
    const { store, owner, maxAccounts } = this.options;
    const [registered, holders] = await Promise.all([store.list(), store.holders()]);
    const workers = new Set([...holders.values(), owner]).size;
    const share = Math.ceil(registered.length / workers);
    const now = Date.now();
    const free = registered.filter((a) => !this.running.has(a) && !holders.has(a) && now - (this.failedAt.get(a) ?? -Infinity) >= (this.options.retryAfterMs ?? 60_000));
    const stale = free.filter((a) => this.unheldBefore.has(a));
    const fresh = free.filter((a) => !this.unheldBefore.has(a));
    this.unheldBefore = new Set(free);
    // Fair share first; accounts left unheld for a whole scan go to whoever has room.
    const room = Math.max(0, maxAccounts - this.running.size);
    const fair = Math.max(0, share - this.running.size);
    const picks = [...stale, ...fresh].slice(0, Math.min(room, Math.max(fair, stale.length)));
    for (const account of picks) {
      if (this.stopped) return;
      const claim = await store.acquire(account, owner, this.ttlMs);
      if (claim) await this.launch(account, claim);
    }
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

import os from 'node:os';
import { WxbotError } from '@wxbot/core';
import type { Redis } from 'ioredis';
import { isFenced, withScripts, type RedisClient, type ScriptCommands } from './commands';
import { accountKeys, type AccountKeys } from './keys';
import { replicaWaitOf, runDurably } from './replica-wait';
import type { ReplicaWait } from './url';

/** Default lease TTL: a dead worker's account is taken over this long after its last renewal. */
export const DEFAULT_LEASE_TTL_MS = 15_000;

export interface LeaseOptions {
  /** How long the lease lasts without a renewal. Renewed every third of it. Default 15 s. */
  ttlMs?: number;
  /** Who holds it, shown by `wxbot accounts list` and in WXBOT_LEASE_HELD. Default `<hostname>:<pid>`. */
  owner?: string;
  /** Wait up to this long for a held lease to be released or expire. Default 0: fail at once. */
  waitMs?: number;
  /** Key prefix. Default `wxbot`. */
  prefix?: string;
  /** A renewal that could not reach Redis (the lease is kept; the next renewal retries). */
  onError?(err: Error): void;
  /**
   * Take the lease only once this many replicas have it (Sentinel: `?wait=N`): a lease whose
   * acquisition a failover lost is never used, so its token cannot be handed out twice.
   */
  replicaWait?: ReplicaWait;
  /**
   * Give the lease up locally (WXBOT_LEASE_EXPIRED) once Redis has not answered for a whole TTL,
   * instead of waiting for Redis to come back. A fleet wants this (whoever claims the account next,
   * this worker included, resumes it); a single `wxbot start` does not: it pauses and, when Redis is
   * back, renews the lease if no one took the account meanwhile. Default false.
   */
  expireLocally?: boolean;
}

/**
 * Exclusive ownership of one account, held in Redis and renewed in the background. Its `token`
 * (the fencing token) grows with every acquisition; every write of a `RedisStateStore` checks it
 * in Redis, so a worker that was paused while another took the account can never write again.
 * @example
 * const lease = await acquireLease(redis, 'sales-1', { ttlMs: 15_000 });
 * lease.onLost((err) => void bot.stop()); // another worker took the account
 * // ... new RedisStateStore(redis, { account: 'sales-1', lease })
 * await lease.release();
 */
export class Lease {
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** When the last renewal that reached Redis was sent (the lease runs a TTL from then). */
  private renewedAt = Date.now();
  /** When the renewal waiting for Redis' answer was sent, if one is. */
  private pendingSince: number | undefined;
  /** The last renewal could not reach Redis. */
  private failed = false;
  private lostError: WxbotError | undefined;
  private readonly listeners: Array<(err: WxbotError) => void> = [];
  private released = false;

  /** @internal use acquireLease() */
  constructor(
    private readonly redis: Redis & ScriptCommands,
    readonly account: string,
    readonly keys: AccountKeys,
    /** The fencing token: larger than the token of every earlier holder. */
    readonly token: number,
    readonly owner: string,
    readonly ttlMs: number,
    private readonly onError: (err: Error) => void,
    expireLocally = false,
  ) {
    this.schedule();
    if (!expireLocally) return;
    // Redis unreachable for a whole TTL: the lease has expired there and another worker may take
    // the account as soon as Redis is back, so this worker stops it now rather than run it blind.
    // Only when Redis fails or hangs: a renewal merely sent late (a busy event loop) is answered
    // at once and, if nobody took the account meanwhile, renews it (RENEW_LUA).
    this.watchdog = setInterval(() => {
      const now = Date.now();
      const hung = this.pendingSince !== undefined && now - this.pendingSince >= this.ttlMs;
      if ((this.failed || hung) && now - this.renewedAt >= this.ttlMs) {
        this.markLost(`no renewal reached Redis for ${Date.now() - this.renewedAt} ms, past the lease TTL of ${this.ttlMs} ms`, 'WXBOT_LEASE_EXPIRED');
      }
    }, Math.max(10, Math.floor(this.ttlMs / 4)));
    this.watchdog.unref();
  }

  /** Whether another worker took the account (every write is refused from then on). */
  get lost(): boolean {
    return this.lostError !== undefined;
  }

  /** Call `listener` once the lease is lost (at once if it already is). */
  onLost(listener: (err: WxbotError) => void): void {
    if (this.lostError) listener(this.lostError);
    else this.listeners.push(listener);
  }

  /** Throw WXBOT_LEASE_LOST if the lease is lost. */
  assertHeld(): void {
    if (this.lostError) throw this.lostError;
  }

  /** Renew now: resolves true if the lease is still ours, false if it is lost. Throws if Redis is unreachable. */
  async renew(): Promise<boolean> {
    if (this.lostError) return false;
    const sentAt = Date.now();
    this.pendingSince = sentAt;
    let result: number;
    try {
      result = await this.redis.wxbotRenew(this.keys.lease, this.keys.fence, String(this.token), this.ttlMs, sentAt, this.owner);
    } catch (err) {
      this.failed = true;
      throw err;
    } finally {
      this.pendingSince = undefined;
    }
    this.failed = false;
    if (result === 0) this.markLost();
    else this.renewedAt = Math.max(this.renewedAt, sentAt);
    return result !== 0;
  }

  /**
   * Record that the lease is lost (a renewal or a write was refused; or, WXBOT_LEASE_EXPIRED,
   * Redis did not answer for a TTL). Idempotent.
   * @internal
   */
  markLost(reason = 'another worker took the account', code: 'WXBOT_LEASE_LOST' | 'WXBOT_LEASE_EXPIRED' = 'WXBOT_LEASE_LOST'): WxbotError {
    if (!this.lostError) {
      this.stopRenewing();
      const fix = code === 'WXBOT_LEASE_EXPIRED' ? '; check this worker\'s connection to Redis: the account resumes on whichever worker claims it next' : '';
      this.lostError = new WxbotError(code, `account "${this.account}": lease ${code === 'WXBOT_LEASE_EXPIRED' ? 'expired' : 'lost'} (fencing token ${this.token}, ${reason}); this worker no longer runs it and every write is refused${fix}`, { account: this.account, token: this.token });
      for (const listener of this.listeners.splice(0)) listener(this.lostError);
    }
    return this.lostError;
  }

  /** Give the lease back now, so another worker may take the account without waiting for the TTL. */
  async release(): Promise<void> {
    this.stopRenewing();
    if (this.released || this.lostError) return;
    this.released = true;
    await this.redis.wxbotRelease(this.keys.lease, String(this.token));
  }

  /** Stop renewing without releasing, as a killed process would (tests): the lease expires after its TTL. */
  abandon(): void {
    this.stopRenewing();
  }

  private stopRenewing(): void {
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.renew().then(
        (held) => {
          if (held && !this.released) this.schedule();
        },
        (err: Error) => {
          // Redis is unreachable: nobody else can take the lease meanwhile. Keep trying; when
          // Redis is back the renewal either extends it or finds it taken (lost).
          this.onError(err);
          if (!this.released && !this.lostError) this.schedule();
        },
      );
    }, Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }
}

/**
 * Take the lease of `account`: resolves with the Lease (renewed in the background until released
 * or lost), or fails with WXBOT_LEASE_HELD naming the worker that holds it (after `waitMs`).
 * @example
 * const lease = await acquireLease(redis, 'sales-1', { waitMs: 20_000 }); // take over a dead worker's account
 */
export async function acquireLease(redis: RedisClient, account: string, options: LeaseOptions = {}): Promise<Lease> {
  const keys = accountKeys(account, options.prefix);
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}`;
  const client = withScripts(redis);
  const replicaWait = replicaWaitOf(redis, options.replicaWait);
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const [token, holder, pttl] = await client.wxbotAcquire(keys.lease, keys.fence, owner, ttlMs, Date.now());
    if (token > 0 && (!replicaWait || (await replicated(client, keys, token, owner, ttlMs, replicaWait, options.onError)))) {
      return new Lease(client, account, keys, token, owner, ttlMs, options.onError ?? (() => undefined), options.expireLocally);
    }
    if (token > 0) continue; // a failover lost the acquisition: take the lease again
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new WxbotError('WXBOT_LEASE_HELD', `account "${account}" is running on worker "${holder}" (its lease expires in ${Math.max(0, pttl)} ms unless renewed); stop that worker, or wait for its lease to expire`, { account, owner: holder, expiresInMs: pttl });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, Math.max(20, Math.min(pttl, 250)))));
  }
}

/**
 * Make a fresh acquisition durable: renew it and WAIT for the replicas, until they have it (true)
 * or the lease turns out not to be ours (false: a failover lost the acquisition, and the
 * promoted replica may have given the same token to another worker since).
 */
async function replicated(client: Redis & ScriptCommands, keys: AccountKeys, token: number, owner: string, ttlMs: number, wait: ReplicaWait, onError: ((err: Error) => void) | undefined): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await runDurably(client, wait, 'wxbotRenew', keys.lease, keys.fence, String(token), ttlMs, Date.now(), owner)) !== 0;
    } catch (err) {
      if (isFenced(err)) return false;
      onError?.(new Error(`lease of ${keys.lease}: not replicated yet (${(err as Error).message}); retrying`, { cause: err }));
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))));
    }
  }
}

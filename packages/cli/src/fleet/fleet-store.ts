import type { MediaStash, StateStore } from '@wxbot/core';
import type { WorkerHeartbeat } from '@wxbot/store-redis';

/**
 * The accounts a fleet may run: registered once, picked up by whichever worker has room.
 * Implementations: {@link FileFleetStore} (a directory, one machine); {@link RedisFleetStore}
 * (the accounts of `wxbot accounts`, leases and state in Redis: workers on many machines).
 */
export interface AccountRegistry {
  /** Registered account names, sorted. */
  list(): Promise<string[]>;
  /** Registers `account` (idempotent). Names: 1-64 letters, digits, '.', '_' or '-'. */
  register(account: string): Promise<void>;
}

/**
 * One worker's exclusive hold on an account, renewed in the background until released or lost.
 * The shape of `@wxbot/store-redis`'s `Lease` (account, token, lost, onLost, release), so a Redis
 * lease is one without an adapter.
 */
export interface AccountLease {
  readonly account: string;
  /** Fencing token: larger than the token of every earlier holder of the account. */
  readonly token: number;
  readonly lost: boolean;
  /** Called once when another worker took the account (at once if it already did). */
  onLost(listener: (err: Error) => void): void;
  /** Gives the account back now, so another worker need not wait for the TTL. */
  release(): Promise<void>;
  /** Stops renewing without releasing, as a killed worker would: the lease expires after its TTL. */
  abandon(): void;
}

/** Where a claimed account keeps its state: a home directory (state log), or a store (Redis). */
export interface AccountClaim {
  lease: AccountLease;
  /** The account's home directory (plugin storage; the state log when `store` is absent). */
  home: string;
  /** The account's state store, when not the state log in `home` (plugin storage goes there too). */
  store?: StateStore;
  /** Where media waiting to be sent keep their bytes, beside `store` (BotOptions.mediaStash). */
  media?: MediaStash;
  /** The config file the account was registered with (`wxbot accounts add --config`), if any. */
  config?: string;
  /** Records the bot's state where `wxbot accounts list` shows it. */
  reportState?(state: string): void;
}

/** Hands out leases; one per account across every worker sharing the store. */
export interface LeaseProvider {
  /** Claims `account` for `owner`, or `undefined` when a live lease of another worker holds it. */
  acquire(account: string, owner: string, ttlMs: number): Promise<AccountClaim | undefined>;
  /** The live holders (owner names) of the registered accounts: account → owner. */
  holders(): Promise<Map<string, string>>;
}

/**
 * A live worker of the fleet, as its last heartbeat recorded it (`wxbot accounts workers`): owner
 * (`--owner`), start, last heartbeat and its TTL, accounts held, `--max-accounts`, control API URL
 * (see `FleetOptions.worker`), version. One shape for both stores: the Redis one's, imported as a
 * type only (a directory fleet never loads ioredis).
 */
export type WorkerInfo = WorkerHeartbeat;

/**
 * The live workers: each records a heartbeat with every scan, so a worker that holds no account
 * yet still counts in the fair share (and others hand accounts over to it).
 */
export interface WorkerRegistry {
  /** Records (or renews) `info` until `info.heartbeatAt + info.ttlMs`. */
  heartbeat(info: WorkerInfo): Promise<void>;
  /** The workers whose heartbeat has not expired, by owner. */
  workers(): Promise<WorkerInfo[]>;
  /** Forgets `owner` at once (a clean stop). */
  removeWorker(owner: string): Promise<void>;
}

export type FleetStore = AccountRegistry & LeaseProvider & WorkerRegistry;

/** Whether a heartbeat is still live at `now`. */
export function isLiveWorker(info: WorkerInfo, now = Date.now()): boolean {
  return info.heartbeatAt + info.ttlMs > now;
}

const ACCOUNT = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether `name` can name an account (and a key or a directory). */
export function isAccountName(name: string): boolean {
  return ACCOUNT.test(name) && name !== '.' && name !== '..';
}

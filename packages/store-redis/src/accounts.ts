import { WxbotError } from '@wxbot/core';
import type Redis from 'ioredis';
import { accountKeys, checkAccountName } from './keys';
import { listWorkers } from './workers';

/** The SET of registered account names. */
export const ACCOUNTS_KEY = 'wxbot:accounts';
const infoKey = (account: string): string => `wxbot:{${checkAccountName(account)}}:account`;
const statusKey = (account: string): string => `wxbot:{${checkAccountName(account)}}:status`;

/** One account as `wxbot accounts list` shows it. */
export interface AccountInfo {
  readonly name: string;
  /** The config file it runs with (`accounts add --config`), or null. */
  readonly config: string | null;
  /** The worker holding its lease, or null: not running anywhere. */
  readonly owner: string | null;
  /** That worker's control API URL, from its heartbeat (`wxbot fleet`), or null when unknown. */
  readonly ownerUrl: string | null;
  /** 'running' while a worker holds the lease, else 'stopped'; `botState` says more. */
  readonly state: 'running' | 'stopped';
  /** The bot's last reported state (`logging-in`, `running`, ...), or null. */
  readonly botState: string | null;
  /** Epoch ms of the lease's last renewal (the worker's heartbeat), or null. */
  readonly heartbeatAt: number | null;
  /** The safety governor's last reported state, or null when nothing reported one. */
  readonly governor: string | null;
}

/**
 * Register an account (the fleet starts the registered ones) with the config file it runs with.
 * @example
 * await addAccount(redis, 'sales-1', { config: '/srv/bots/sales-1/bot.config.ts' });
 */
export async function addAccount(redis: Redis, name: string, options: { config: string }): Promise<void> {
  await redis.multi().sadd(ACCOUNTS_KEY, checkAccountName(name)).hset(infoKey(name), 'config', options.config, 'added', String(Date.now())).exec();
}

/**
 * The config file `account` was added with (`wxbot accounts add --config`), or null.
 * @example
 * const file = await accountConfig(redis, 'sales-1'); // '/srv/bots/sales-1/bot.config.ts'
 */
export async function accountConfig(redis: Redis, name: string): Promise<string | null> {
  return redis.hget(infoKey(name), 'config');
}

/** Every registered account (and every account with a lease), by name. */
export async function listAccounts(redis: Redis): Promise<AccountInfo[]> {
  const names = (await redis.smembers(ACCOUNTS_KEY)).sort();
  const urls = new Map((await listWorkers(redis)).map((w) => [w.owner, w.url ?? null]));
  return Promise.all(
    names.map(async (name) => {
      const keys = accountKeys(name);
      const [info, lease, status] = await Promise.all([redis.hgetall(infoKey(name)), redis.hgetall(keys.lease), redis.hgetall(statusKey(name))]);
      const held = lease['token'] !== undefined;
      const owner = held ? (lease['owner'] ?? null) : null;
      return {
        name,
        config: info['config'] ?? null,
        owner,
        ownerUrl: owner === null ? null : (urls.get(owner) ?? null),
        state: held ? 'running' : 'stopped',
        botState: status['state'] ?? null,
        heartbeatAt: held && lease['renewed'] ? Number(lease['renewed']) : null,
        governor: status['governor'] ?? null,
      } satisfies AccountInfo;
    }),
  );
}

/**
 * Report a running account's state for `accounts list` (not fenced: it is a display value).
 * @example
 * bot.on('state', (state) => void reportAccountStatus(redis, 'sales-1', { state }));
 */
export async function reportAccountStatus(redis: Redis, name: string, fields: { state?: string; governor?: string }): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as Array<[string, string]>;
  // A running account is listed even if nobody added it.
  await redis.multi().sadd(ACCOUNTS_KEY, name).hset(statusKey(name), ...entries.flat(), 'at', String(Date.now())).exec();
}

/**
 * Unregister an account and delete its state (session, journal, outbox, plugin storage, media).
 * Refused with WXBOT_LEASE_HELD while a worker runs it. The fence counter stays, so a worker
 * that held an old lease can never write into an account added again under the same name.
 */
export async function removeAccount(redis: Redis, name: string): Promise<void> {
  const keys = accountKeys(name);
  const owner = await redis.hget(keys.lease, 'owner');
  if (owner !== null) {
    throw new WxbotError('WXBOT_LEASE_HELD', `account "${name}" is running on worker "${owner}"; stop it there before removing the account`, { account: name, owner });
  }
  const media: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${keys.media}*`, 'COUNT', 500);
    cursor = next;
    media.push(...found);
  } while (cursor !== '0');
  await redis.multi().srem(ACCOUNTS_KEY, name).del(infoKey(name), statusKey(name), keys.log, keys.meta, ...media).exec();
}

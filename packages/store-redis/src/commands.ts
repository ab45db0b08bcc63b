import type { Cluster, Redis } from 'ioredis';
import { ACQUIRE_LUA, MEDIA_LUA, RELEASE_LUA, RENEW_LUA, WRITE_LUA } from './scripts';

/** The scripts as commands of one client (EVALSHA, with EVAL when Redis lost its script cache). */
export interface ScriptCommands {
  wxbotWrite(lease: string, fence: string, log: string, meta: string, token: string, seq: number, mode: 'a' | 'r', ...records: string[]): Promise<number>;
  wxbotAcquire(lease: string, fence: string, owner: string, ttlMs: number, nowMs: number): Promise<[number, string, number]>;
  wxbotRenew(lease: string, fence: string, token: string, ttlMs: number, nowMs: number, owner: string): Promise<number>;
  wxbotRelease(lease: string, token: string): Promise<number>;
  wxbotMedia(lease: string, fence: string, key: string, token: string, bytes: Buffer, ttlMs: number): Promise<number>;
}

/**
 * A client of one Redis (`redis://`, `redis+sentinel://`: ioredis `Redis`) or of a Redis Cluster
 * (`redis-cluster://`: ioredis `Cluster`). Every script passes its keys as KEYS, all with the
 * account's hash tag, so a Cluster runs each one on the node of the account's slot.
 */
export type RedisClient = Redis | Cluster;

const defined = new WeakSet<RedisClient>();

/** `redis` with the wxbot scripts defined on it (once per client). */
export function withScripts(redis: RedisClient): Redis & ScriptCommands {
  if (!defined.has(redis)) {
    redis.defineCommand('wxbotWrite', { numberOfKeys: 4, lua: WRITE_LUA });
    redis.defineCommand('wxbotAcquire', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    redis.defineCommand('wxbotRenew', { numberOfKeys: 2, lua: RENEW_LUA });
    redis.defineCommand('wxbotRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    redis.defineCommand('wxbotMedia', { numberOfKeys: 3, lua: MEDIA_LUA });
    defined.add(redis);
  }
  // Typed as Redis: the commands wxbot sends exist with the same signatures on a Cluster.
  return redis as Redis & ScriptCommands;
}

/** Whether a script refused a write because the fencing token is stale. */
export function isFenced(err: unknown): boolean {
  return err instanceof Error && err.message.includes('WXBOT_LEASE_LOST');
}

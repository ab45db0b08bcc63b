import type Redis from 'ioredis';

/**
 * HASH owner → JSON heartbeat of every fleet worker. One key (not one per worker) so that a
 * Redis Cluster serves `listWorkers` from one slot.
 */
export const WORKERS_KEY = 'wxbot:workers';

/** A fleet worker's heartbeat, as `wxbot accounts workers` shows it. */
export interface WorkerHeartbeat {
  /** Its name in the leases. */
  owner: string;
  /** Epoch ms it started. */
  startedAt: number;
  /** Epoch ms of its last heartbeat (its own clock, like a lease's `renewed`). */
  heartbeatAt: number;
  /** It counts as gone this long after `heartbeatAt`. */
  ttlMs: number;
  /** Accounts it ran at its last heartbeat. */
  accounts: number;
  /** Most accounts it runs at once. */
  maxAccounts: number;
  /** Its control API URL, when it serves one (`FleetOptions.worker` of the CLI). */
  url?: string;
  /** The wxbot version it runs. */
  version: string;
}

/**
 * Record (or renew) a worker's heartbeat; it expires `ttlMs` after `heartbeatAt`.
 * @example
 * await recordWorker(redis, { owner: 'host:42', startedAt, heartbeatAt: Date.now(), ttlMs: 15_000, accounts: 3, maxAccounts: 100, version: '0.1.0' });
 */
export async function recordWorker(redis: Redis, heartbeat: WorkerHeartbeat): Promise<void> {
  await redis.hset(WORKERS_KEY, heartbeat.owner, JSON.stringify(heartbeat));
}

/**
 * The workers whose heartbeat has not expired, by owner; expired ones are deleted on the way.
 * @example
 * for (const w of await listWorkers(redis)) console.log(w.owner, w.accounts, w.url ?? '-');
 */
export async function listWorkers(redis: Redis, now = Date.now()): Promise<WorkerHeartbeat[]> {
  const all = await redis.hgetall(WORKERS_KEY);
  const live: WorkerHeartbeat[] = [];
  const gone: string[] = [];
  for (const [owner, json] of Object.entries(all)) {
    let w: WorkerHeartbeat | undefined;
    try {
      w = JSON.parse(json) as WorkerHeartbeat;
    } catch {
      w = undefined;
    }
    if (w && w.heartbeatAt + w.ttlMs > now) live.push(w);
    // Long expired (a killed worker): nobody else deletes its entry. A recent one is kept, in
    // case its worker's clock is a little behind ours.
    else if (!w || w.heartbeatAt + 10 * w.ttlMs < now) gone.push(owner);
  }
  if (gone.length > 0) await redis.hdel(WORKERS_KEY, ...gone);
  return live.sort((a, b) => a.owner.localeCompare(b.owner));
}

/** Forget a worker at once (it stopped cleanly). */
export async function removeWorker(redis: Redis, owner: string): Promise<void> {
  await redis.hdel(WORKERS_KEY, owner);
}

import type { ChainableCommander } from 'ioredis';
import type { Redis } from 'ioredis';
import type { ScriptCommands } from './commands';
import type { ReplicaWait } from './url';

// Redis replicates asynchronously: a write its master acknowledged can be missing from the
// replica Sentinel promotes. WAIT after a write blocks until N replicas acknowledged everything
// this connection wrote; sent in one pipeline with the write, it runs on the same connection
// (and, on a Cluster, on the node of the write's slot) right after it.

type ScriptPipeline = ChainableCommander & { [K in keyof ScriptCommands]: (...args: Parameters<ScriptCommands[K]>) => ScriptPipeline };

const urlWaits = new WeakMap<object, ReplicaWait>();

/**
 * Remember the `?wait=N` of the URL a client was connected with, so that a lease and a store
 * made on that client (by code that does not know the URL: the fleet) wait for replicas too.
 * @internal
 */
export function rememberReplicaWait(client: object, wait: ReplicaWait | undefined): void {
  if (wait) urlWaits.set(client, wait);
}

/** The replica wait of `client`: `explicit`, else its URL's `?wait=N`, else none. */
export function replicaWaitOf(client: object, explicit: ReplicaWait | undefined): ReplicaWait | undefined {
  return explicit ?? urlWaits.get(client);
}

/** Fewer replicas than asked acknowledged a write in time: it is not durable yet (the caller retries). */
export class NotReplicatedError extends Error {
  constructor(readonly acknowledged: number, readonly wait: ReplicaWait) {
    super(`only ${acknowledged} of ${wait.replicas} replica(s) acknowledged the write within ${wait.timeoutMs} ms`);
  }
}

/**
 * Run one script command; with `wait`, follow it by `WAIT replicas timeoutMs` on the same
 * connection and throw NotReplicatedError unless enough replicas have it. Script errors (a
 * stale fencing token) are thrown as the script's error.
 */
export async function runDurably<K extends keyof ScriptCommands>(redis: Redis & ScriptCommands, wait: ReplicaWait | undefined, command: K, ...args: Parameters<ScriptCommands[K]>): Promise<Awaited<ReturnType<ScriptCommands[K]>>> {
  type Result = Awaited<ReturnType<ScriptCommands[K]>>;
  const call = redis[command] as (...a: Parameters<ScriptCommands[K]>) => Promise<Result>;
  if (!wait) return call.apply(redis, args);
  const pipeline = redis.pipeline() as ScriptPipeline;
  (pipeline[command] as (...a: Parameters<ScriptCommands[K]>) => ScriptPipeline).apply(pipeline, args);
  pipeline.wait(wait.replicas, wait.timeoutMs);
  const replies = await pipeline.exec();
  if (!replies) throw new Error('the connection closed before the write was answered');
  const [[writeErr, result], [waitErr, acknowledged]] = replies as [[Error | null, Result], [Error | null, number]];
  if (writeErr) throw writeErr;
  if (waitErr) throw waitErr;
  if (acknowledged < wait.replicas) throw new NotReplicatedError(acknowledged, wait);
  return result;
}

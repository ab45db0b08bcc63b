import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRedisServer, firstExecutable, freePort, readyLine, REDIS_INSTALL_HINT, startRedisServer, type RedisServer } from './redis-server';

// Redis in high availability for tests, from Debian's redis-server (and redis-cli, shipped with
// it): a master with replicas watched by Sentinels, or a Cluster of masters. Everything on
// 127.0.0.1, free ports, temporary directories; failover timings set low so a test waits seconds.

const run = promisify(execFile);

/** redis-cli beside redis-server (Debian installs both); undefined when missing. */
export function findRedisCli(): string | undefined {
  const server = findRedisServer();
  return firstExecutable([process.env['REDIS_CLI'], server && path.join(path.dirname(server), 'redis-cli')]);
}

/** Run redis-cli against 127.0.0.1:`port`; resolves with its output (trimmed). */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const cli = findRedisCli();
  if (!cli) throw new Error(`redis-cli is not installed; install it with: ${REDIS_INSTALL_HINT}`);
  const { stdout } = await run(cli, ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });
  return stdout.trim();
}

/** Poll `check` every 50 ms until it returns a value (not undefined), up to `timeoutMs`. */
async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One `redis-server --sentinel` process. */
export interface RedisSentinel {
  readonly port: number;
  kill(): Promise<void>;
}

export interface RedisSentinelGroupOptions {
  /** Replicas of the master. Default 1. */
  replicas?: number;
  /** Sentinel processes (quorum: a majority). Default 3. */
  sentinels?: number;
  /** The master's name in `sentinel monitor`. Default `wxbot`. */
  name?: string;
  /** How long a master must not answer before it is down. Default 1000 ms. */
  downAfterMs?: number;
  /** `appendfsync` of every data node. Default 'everysec'. */
  appendfsync?: 'always' | 'everysec' | 'no';
}

/** A master, its replicas and the Sentinels that watch them. */
export interface RedisSentinelGroup {
  readonly name: string;
  /** The first master (`nodes[0]`); after a failover `masterPort()` says which node leads. */
  readonly master: RedisServer;
  /** Every data node: the first master, then its replicas. */
  readonly nodes: readonly RedisServer[];
  readonly sentinels: readonly RedisSentinel[];
  /** `redis+sentinel://127.0.0.1:p1,127.0.0.1:p2,.../<name>/0`, with `?query` if given (e.g. `wait=1`). */
  url(query?: string): string;
  /** The master's port as the first live Sentinel reports it. */
  masterPort(): Promise<number>;
  /** Resolve once the Sentinels promoted a node other than `fromPort` and it answers as master; its port. */
  waitForFailover(fromPort: number, timeoutMs?: number): Promise<number>;
  /** Stop every process and remove their directories. */
  close(): Promise<void>;
}

async function startSentinel(masterPort: number, options: Required<Pick<RedisSentinelGroupOptions, 'name' | 'downAfterMs'>> & { quorum: number }): Promise<RedisSentinel & { dir: string }> {
  const binary = findRedisServer();
  if (!binary) throw new Error(`redis-server is not installed; install it with: ${REDIS_INSTALL_HINT}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wxbot-sentinel-'));
  const port = await freePort();
  const conf = path.join(dir, 'sentinel.conf');
  // Sentinel rewrites its config file (what it learned): it must be its own and writable.
  writeFileSync(conf, [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel monitor ${options.name} 127.0.0.1 ${masterPort} ${options.quorum}`,
    `sentinel down-after-milliseconds ${options.name} ${options.downAfterMs}`,
    `sentinel failover-timeout ${options.name} ${Math.max(3 * options.downAfterMs, 3_000)}`,
    `sentinel parallel-syncs ${options.name} 1`,
    '',
  ].join('\n'));
  const proc: ChildProcess = spawn(binary, [conf, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await readyLine(proc, '+monitor master', 'redis sentinel');
  return {
    port,
    dir,
    kill: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Start a master, `replicas` replicas and `sentinels` Sentinels (Debian's redis-server in
 * `--sentinel` mode), and resolve once the replicas are in sync and every Sentinel knows the
 * replicas and the other Sentinels (so a failover can start at once). `downAfterMs` (default
 * 1 s) keeps a failover to a few seconds.
 * @example
 * const group = await startRedisSentinelGroup();
 * const store = await openRedisStore(group.url('wait=1'), { account: 'a' });
 * const old = await group.masterPort();
 * await group.master.kill();
 * await group.waitForFailover(old);
 */
export async function startRedisSentinelGroup(options: RedisSentinelGroupOptions = {}): Promise<RedisSentinelGroup> {
  const name = options.name ?? 'wxbot';
  const count = options.sentinels ?? 3;
  const downAfterMs = options.downAfterMs ?? 1_000;
  // A replica's full sync waits 5 s by default (repl-diskless-sync-delay) for more replicas to join.
  const fast = ['--repl-diskless-sync-delay', '0'];
  const server = { ...(options.appendfsync ? { appendfsync: options.appendfsync } : {}), args: fast };
  const nodes: RedisServer[] = [];
  const sentinels: Array<RedisSentinel & { dir: string }> = [];
  const close = async (): Promise<void> => {
    await Promise.all(sentinels.map((s) => s.kill()));
    for (const s of sentinels) rmSync(s.dir, { recursive: true, force: true });
    await Promise.all(nodes.map((n) => n.close()));
  };
  try {
    const master = await startRedisServer(server);
    nodes.push(master);
    for (let i = 0; i < (options.replicas ?? 1); i++) nodes.push(await startRedisServer({ ...server, args: [...fast, '--replicaof', '127.0.0.1', String(master.port)] }));
    for (const replica of nodes.slice(1)) {
      await until(`replica ${replica.port} in sync`, 20_000, async () => ((await redisCli(replica.port, 'INFO', 'replication')).includes('master_link_status:up') ? true : undefined));
    }
    const quorum = Math.floor(count / 2) + 1;
    for (let i = 0; i < count; i++) sentinels.push(await startSentinel(master.port, { name, downAfterMs, quorum }));
    for (const s of sentinels) {
      await until(`sentinel ${s.port} to know the group`, 20_000, async () => {
        // redis-cli prints the reply's field names and values on alternate lines.
        const lines = (await redisCli(s.port, 'SENTINEL', 'MASTER', name)).split('\n');
        const field = (key: string): number => Number(lines[lines.indexOf(key) + 1] ?? -1);
        return field('num-slaves') >= nodes.length - 1 && field('num-other-sentinels') >= count - 1 ? true : undefined;
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  const masterPort = async (): Promise<number> => {
    for (const s of sentinels) {
      try {
        const [, port] = (await redisCli(s.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)).split('\n');
        if (port) return Number(port);
      } catch {
        // that Sentinel is down: ask the next
      }
    }
    throw new Error('no Sentinel answers');
  };
  return {
    name,
    master: nodes[0]!,
    nodes,
    sentinels,
    url: (query) => `redis+sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${name}/0${query ? `?${query}` : ''}`,
    masterPort,
    waitForFailover: (fromPort, timeoutMs = 30_000) =>
      until(`a failover away from ${fromPort}`, timeoutMs, async () => {
        const port = await masterPort();
        if (port === fromPort) return undefined;
        return (await redisCli(port, 'ROLE')).startsWith('master') ? port : undefined;
      }),
    close,
  };
}

/** A Redis Cluster of masters (no replicas) on 127.0.0.1. */
export interface RedisClusterGroup {
  readonly nodes: readonly RedisServer[];
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start `masters` (default 3) `redis-server --cluster-enabled yes` nodes and join them with
 * `redis-cli --cluster create`; resolves once every node reports `cluster_state:ok`.
 * @example
 * const cluster = await startRedisCluster();
 * const store = await openRedisStore(cluster.url, { account: 'a' });
 */
export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisClusterGroup> {
  const nodes: RedisServer[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.close()));
  };
  try {
    for (let i = 0; i < (options.masters ?? 3); i++) {
      nodes.push(await startRedisServer({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'] }));
    }
    await redisCli(nodes[0]!.port, '--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes');
    for (const node of nodes) {
      await until(`cluster node ${node.port} ok`, 20_000, async () => ((await redisCli(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok') ? true : undefined));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, url: `redis-cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`, close };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The command that installs Redis where it is missing (Debian), for skip messages. */
export const REDIS_INSTALL_HINT = 'apt-get install -y redis-server';

/** The redis-server binary: `REDIS_SERVER`, else the first on PATH; undefined when not installed. */
export function findRedisServer(): string | undefined {
  return firstExecutable([process.env['REDIS_SERVER'], ...(process.env['PATH'] ?? '').split(path.delimiter).map((dir) => dir && path.join(dir, 'redis-server'))]);
}

/** The first of `candidates` that is an executable file (empty entries skipped). */
export function firstExecutable(candidates: ReadonlyArray<string | undefined>): string | undefined {
  for (const file of candidates) {
    if (!file) continue;
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * A Redis suite's title: its name, or where redis-server is missing, its name with the skip
 * reason and the install command, so a skipped suite says why instead of passing silently.
 * @example
 * const d = findRedisServer() ? describe : describe.skip;
 * d(redisSuiteTitle('leases and fencing tokens'), () => { ... });
 */
export function redisSuiteTitle(name: string): string {
  return findRedisServer() ? name : `${name} (skipped: redis-server is not installed; ${REDIS_INSTALL_HINT})`;
}

export interface RedisServerOptions {
  /** `appendfsync`: 'always' (every write on disk before the answer) or 'everysec'. Default 'everysec'. */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Extra `--name value` arguments. */
  args?: readonly string[];
}

/** A redis-server process of a test, on a free port, with its data in a temporary directory. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>/0` */
  readonly url: string;
  /** Its data directory (AOF files); removed by `close()`. */
  readonly dir: string;
  /** Whether the process runs. */
  readonly running: boolean;
  /** Stop it as an operator would (SIGTERM: the AOF is flushed); resolves once it exited. */
  stop(): Promise<void>;
  /** Kill it (SIGKILL: what `appendfsync` did not write is lost); resolves once it exited. */
  kill(): Promise<void>;
  /** Start it again on the same port and directory (it reloads its AOF). */
  start(): Promise<void>;
  /** Stop it and remove its directory. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for the Redis processes of a test). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolve once `proc` prints `line` on stdout (its output is drained from then on); reject with
 * its last output if it exits first.
 */
export function readyLine(proc: ChildProcess, line: string, what: string): Promise<void> {
  let output = '';
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(line)) {
        proc.stdout?.off('data', onData);
        proc.stdout?.resume();
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.resume();
    proc.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  });
}

/**
 * Start Debian's `redis-server` for a test: a free port on 127.0.0.1, a temporary directory,
 * no RDB snapshots, AOF on. Throws naming REDIS_INSTALL_HINT when redis-server is missing; use
 * `findRedisServer()` first to skip a suite instead.
 * @example
 * const d = findRedisServer() ? describe : describe.skip;
 * d('my store', () => { let redis: RedisServer; beforeAll(async () => { redis = await startRedisServer(); }); afterAll(() => redis.close()); });
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error(`redis-server is not installed; install it with: ${REDIS_INSTALL_HINT}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wxbot-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', options.appendfsync ?? 'everysec', '--daemonize', 'no', '--loglevel', 'notice', ...(options.args ?? [])];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    if (child) return;
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => {
      if (child === proc) child = undefined;
      resolve();
    }));
    await readyLine(proc, 'Ready to accept connections', 'redis-server');
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill(signal);
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    get running() {
      return child !== undefined;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    close: async () => {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { startRedisServer, type RedisServer } from '@wxbot/testkit';
import { root, wxbot } from './process';

// What the real-process fleet tests share: a fleet directory, `wxbot fleet` workers on a shared
// store, their JSON log lines, and a wait that fails as soon as a worker dies.

/** A running `wxbot fleet` worker (see wxbot() in ./process). */
export type Proc = ReturnType<typeof wxbot>;
export interface LogLine { msg: string; account?: string; method?: string }

/** The JSON log lines `p` wrote so far. */
export const logLines = (p: Proc): LogLine[] =>
  p.out
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

/** Accounts for which `p` logged `<account>: <event>` (claimed, ready, handed-off, ...). */
export const withEvent = (p: Proc, event: string): string[] => logLines(p).filter((l) => l.account !== undefined && l.msg === `${l.account}: ${event}`).map((l) => l.account as string);

/**
 * Polls `check` every `intervalMs` (calling `tick` between polls); fails with the workers' output
 * when one of `procs` exits or after `timeoutMs`.
 */
export async function until(what: string, check: () => boolean, timeoutMs: number, procs: Proc[], options: { tick?: () => void; intervalMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    for (const p of procs) if (p.child.exitCode !== null) throw new Error(`a worker exited (${p.child.exitCode}) while waiting for ${what}:\n${p.out.join('').slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${procs.map((p) => p.out.join('').slice(-3000)).join('\n----\n')}`);
    options.tick?.();
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 25));
  }
}

/**
 * Makes `dir` a fleet project: a package.json and a bot.config.json with the echo plugin, pacing
 * off (a flood is answered at once) and JSON logs at info (the tests read the account events).
 */
export function prepareFleetDir(dir: string): void {
  if (!existsSync(path.join(root, 'packages/cli/dist/bin.js'))) throw new Error('build first: the test command runs tsc -b before jest');
  writeFileSync(path.join(dir, 'package.json'), '{"name":"fleet","private":true}');
  writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ plugins: ['echo'], outbox: { limits: false }, log: { level: 'info', pretty: false } }));
}

/** Starts `wxbot fleet` in `dir` (see prepareFleetDir) as `owner` on `store`, against the simulator at `endpoint`. */
export function fleetWorker(dir: string, options: { store: string; endpoint: string; owner: string; maxAccounts: number; leaseTtlMs: number }, extra: string[] = []): Proc {
  return wxbot(['fleet', '--store', options.store, '--owner', options.owner, '--max-accounts', String(options.maxAccounts), '--lease-ttl', String(options.leaseTtlMs), '--endpoint', options.endpoint, '--config', 'bot.config.json', ...extra], dir);
}

/** What a Redis fleet suite runs on; `server` and `sim` are set once the suite's beforeAll ran. */
export interface RedisFleetRig { server: RedisServer; sim: Simulator; dir: string }

/**
 * Registers (in the calling `describe`) a redis-server, a simulator with `accounts` accounts that
 * confirm their logins by themselves, and a temporary fleet directory, all removed after the suite.
 */
export function redisFleetRig(accounts: number, tmpPrefix: string): RedisFleetRig {
  const rig = { dir: mkdtempSync(path.join(tmpdir(), tmpPrefix)) } as RedisFleetRig;
  beforeAll(async () => {
    rig.server = await startRedisServer();
    rig.sim = await startSimulator({ accounts, autoConfirm: true, autoConfirmDelayMs: 10, longPollMs: 300, loginPollMs: 200 });
  });
  afterAll(async () => {
    await (rig.sim as Simulator | undefined)?.close();
    await (rig.server as RedisServer | undefined)?.close();
    rmSync(rig.dir, { recursive: true, force: true });
  });
  return rig;
}

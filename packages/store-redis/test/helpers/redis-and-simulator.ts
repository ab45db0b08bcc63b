import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { startRedisServer, type RedisServer } from '@wxbot/testkit';

/**
 * For a describe block whose bots keep their state in Redis: a redis-server and a simulator that
 * confirms QR logins by itself, started before its tests and stopped after, and fresh homes
 * (one per "machine") removed at the end. Read `server` and `sim` inside the tests.
 */
export function redisAndSimulator(): { readonly server: RedisServer; readonly sim: Simulator; newHome(): string } {
  let server: RedisServer | undefined;
  let sim: Simulator | undefined;
  const homes: string[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10 });
  });
  afterAll(async () => {
    await sim?.close();
    await server?.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: read it inside a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'redis-server');
    },
    get sim() {
      return started(sim, 'the simulator');
    },
    newHome() {
      const home = mkdtempSync(path.join(tmpdir(), 'wxbot-home-'));
      homes.push(home);
      return home;
    },
  };
}

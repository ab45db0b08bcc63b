import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '@wxbot/simulator';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';

// The crash test of core (bench/crash), with the state only in Redis: the bot process is
// SIGKILLed at random points of a message stream and started again in a NEW home (another
// machine); it waits for the dead process's lease to expire, takes the account over and resumes
// the session from Redis. Every message must get exactly one reply, every restart must resume
// (no QR scan).

interface RunResult { seed: number; lost: string[]; duplicated: string[]; detail?: string }
interface Summary { runs: number; kills: number; expected: number; replies: number; lost: number; duplicated: number; resends: number; notResumed: number; failures: RunResult[] }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { crashRuns } = require('../../../bench/crash/harness.cjs') as {
  crashRuns(start: typeof startSimulator, o: { runs: number; firstSeed: number; concurrency?: number; messages?: number; store?: string }): Promise<Summary>;
};

const ROOT = path.resolve(__dirname, '../../..');
const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('crash test with the state only in Redis'), () => {
  let server: RedisServer;
  beforeAll(async () => {
    // The child runs the built packages: make sure dist is current (CI builds before jest anyway).
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
    server = await startRedisServer();
  }, 300_000);
  afterAll(() => server?.close());

  it('SIGKILL, then another worker in a new home takes the lease and resumes: exactly one reply per message', async () => {
    const firstSeed = Number(process.env['CRASH_SEED'] ?? 7000);
    const runs = Number(process.env['CRASH_REDIS_RUNS'] ?? 4);
    const s = await crashRuns(startSimulator, { runs, firstSeed, concurrency: 2, messages: 12, store: server.url });
    for (const f of s.failures) console.error(`redis crash run failed: seed ${f.seed} (replay: CRASH_SEED=${f.seed} CRASH_REDIS_RUNS=1), lost ${f.lost.join(',')}, duplicated ${f.duplicated.join(',')}\n${f.detail ?? ''}`);
    expect(s.runs).toBe(runs);
    expect(s.kills).toBeGreaterThanOrEqual(runs);
    expect(s.notResumed).toBe(0);
    expect({ lost: s.lost, duplicated: s.duplicated, repeats: s.resends }).toEqual({ lost: 0, duplicated: 0, repeats: 0 });
    expect(s.replies).toBe(s.expected);
  }, 240_000);
});

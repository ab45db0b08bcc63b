import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '@wxbot/simulator';

// SIGKILL the bot (a real child process: bench/crash/runner.cjs on the built packages) at random
// points of a message stream, restart it on the same home, and count the replies per message.
// Seeds are fixed per CI run (CRASH_SEED to replay one); a failure prints the seed, the child's
// output and the tail of its log.

interface RunResult { seed: number; lost: string[]; duplicated: string[]; detail?: string }
interface Summary { runs: number; kills: number; expected: number; replies: number; lost: number; duplicated: number; resends: number; heldKills: number; notResumed: number; failures: RunResult[] }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { crashRuns } = require('../../../../bench/crash/harness.cjs') as {
  crashRuns(start: typeof startSimulator, o: { runs: number; firstSeed: number; concurrency?: number; messages?: number; inflight?: boolean; maxKillDelayMs?: number }): Promise<Summary>;
};

const ROOT = path.resolve(__dirname, '../../../..');

describe('crash test: SIGKILL at random points, restart on the same home', () => {
  beforeAll(() => {
    // The child runs the built packages: make sure dist is current (CI builds before jest anyway).
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
  }, 300_000);

  it('every message gets exactly one reply over 20 runs', async () => {
    const firstSeed = Number(process.env['CRASH_SEED'] ?? 1000);
    const runs = Number(process.env['CRASH_RUNS'] ?? 20);
    const s = await crashRuns(startSimulator, { runs, firstSeed, concurrency: 2, messages: 12 });
    for (const f of s.failures) console.error(`crash run failed: seed ${f.seed} (replay: CRASH_SEED=${f.seed} CRASH_RUNS=1), lost ${f.lost.join(',')}, duplicated ${f.duplicated.join(',')}\n${f.detail ?? ''}`);
    expect(s.runs).toBe(runs);
    expect(s.kills).toBeGreaterThanOrEqual(runs);
    expect(s.notResumed).toBe(0);
    expect({ lost: s.lost, duplicated: s.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(s.replies).toBe(s.expected);
  }, 240_000);

  // The worst window: every kill lands after the server carried a reply out (it is in the
  // simulator's sent list and echoed) and before the bot heard back. The simulator stores repeats
  // with the same ClientMsgId, so only the bot's reconciliation with the echoes keeps it once.
  it('kills between "the server carried the reply out" and "the bot heard back": exactly one reply over 50 runs', async () => {
    const firstSeed = Number(process.env['CRASH_SEED'] ?? 5000);
    const runs = Number(process.env['CRASH_INFLIGHT_RUNS'] ?? 50);
    const s = await crashRuns(startSimulator, { runs, firstSeed, concurrency: 2, messages: 10, inflight: true, maxKillDelayMs: 300 });
    for (const f of s.failures) console.error(`in-flight crash run failed: seed ${f.seed} (replay: CRASH_SEED=${f.seed} CRASH_INFLIGHT_RUNS=1), lost ${f.lost.join(',')}, duplicated ${f.duplicated.join(',')}\n${f.detail ?? ''}`);
    expect(s.runs).toBe(runs);
    expect(s.heldKills).toBeGreaterThanOrEqual(runs);
    expect(s.notResumed).toBe(0);
    expect({ lost: s.lost, duplicated: s.duplicated, repeats: s.resends }).toEqual({ lost: 0, duplicated: 0, repeats: 0 });
    expect(s.replies).toBe(s.expected);
  }, 600_000);
});

import { connectRedis, listAccounts, listWorkers } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle } from '@wxbot/testkit';
import { fleetWorker, redisFleetRig, logLines, prepareFleetDir, until, withEvent, type Proc } from '../helpers/fleet';

// Rebalancing of `wxbot fleet --store redis://…` with real processes: worker A runs six accounts
// alone; worker B joins in the middle of a flood. A must hand three accounts over (bot stopped,
// state saved in Redis, lease released), B must resume them (no QR login, same simulator
// sessions) and every message must be answered exactly once. ~8 s here.
const N = 6;
const TTL_MS = 1_500;
const accounts = Array.from({ length: N }, (_, i) => `acct-${i + 1}`);

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('wxbot fleet --store redis://… rebalancing (real processes)'), () => {
  const rig = redisFleetRig(N, 'wxbot-redis-rebalance-');

  it(`a second worker joins one running ${N} accounts mid-flood: they settle at 3/3, the moved accounts resume (no QR), every message answered once`, async () => {
    const { server, sim, dir } = rig;
    prepareFleetDir(dir);
    const worker = (owner: string, extra: string[] = []): Proc =>
      fleetWorker(dir, { store: server.url, endpoint: sim.url, owner, maxAccounts: 100, leaseTtlMs: TTL_MS }, extra);

    const a = worker('worker-a', ['--add', accounts.join(',')]);
    let b: Proc | undefined;
    const redis = await connectRedis(server.url);
    try {
      await until('worker A to run every account', () => withEvent(a, 'ready').length === N, 30_000, [a], { intervalMs: 100 });
      const simAccounts = sim.accounts();
      const sids = simAccounts.map((n) => sim.account(n).state().session?.sid);
      expect(sids.every((s) => s !== undefined)).toBe(true);

      const texts: string[] = [];
      let round = 0;
      const inject = (): void => {
        for (const n of simAccounts) {
          const text = `${n}/m${round}`;
          sim.account(n).injectText({ from: sim.account(n).state().friends[0]?.nickName as string, text });
          texts.push(text);
        }
        round++;
      };
      inject();
      inject();
      b = worker('worker-b');
      const bProc = b;
      // The flood goes on (a round every 100 ms) while A hands accounts over and B claims them.
      await until('A and B to settle at 3/3', () => withEvent(a, 'handed-off').length === N / 2 && withEvent(bProc, 'ready').length === N / 2, 30_000, [a, bProc], { tick: inject, intervalMs: 100 });
      inject();
      expect((await listWorkers(redis)).map((w) => [w.owner, w.maxAccounts])).toEqual([
        ['worker-a', 100],
        ['worker-b', 100],
      ]);
      const moved = withEvent(a, 'handed-off').sort();
      expect(withEvent(bProc, 'ready').sort()).toEqual(moved);
      const answered = (): Map<string, number> => {
        const count = new Map<string, number>();
        for (const n of simAccounts) for (const s of sim.account(n).sent()) count.set(s.content, (count.get(s.content) ?? 0) + 1);
        return count;
      };
      await until('every message answered', () => texts.every((t) => answered().has(t)), 20_000, [a, bProc], { intervalMs: 100 });
      const owners = (await listAccounts(redis)).map((x) => [x.name, x.owner]);
      expect(owners).toEqual(accounts.map((acc) => [acc, moved.includes(acc) ? 'worker-b' : 'worker-a']));

      // No QR: B resumed the moved accounts' sessions from Redis; every simulated account keeps its first session.
      const logins = logLines(bProc).filter((l) => l.account !== undefined && l.msg.startsWith(`${l.account}: logged in`));
      expect(logins.map((l) => [l.account, l.method]).sort()).toEqual(moved.map((acc) => [acc, 'resume']));
      expect(bProc.out.join('')).not.toMatch(/scan with WeChat/);
      expect(simAccounts.map((n) => sim.account(n).state().session?.sid)).toEqual(sids);

      // Both stop cleanly (outboxes drained, leases released, out of the worker list).
      a.child.kill('SIGTERM');
      bProc.child.kill('SIGTERM');
      expect(await Promise.all([a.exited, bProc.exited])).toEqual([0, 0]);
      expect(await listWorkers(redis)).toEqual([]);
      const count = answered();
      expect(texts.filter((t) => count.get(t) !== 1).map((t) => `${t}: ${count.get(t) ?? 0}`)).toEqual([]);
      expect([...count.keys()].filter((t) => !texts.includes(t))).toEqual([]);
      console.log(`redis fleet rebalancing: ${moved.length} accounts moved to the joining worker during a flood of ${texts.length} messages (${round} rounds), each answered once, no QR`);
    } finally {
      redis.disconnect();
      if (a.child.exitCode === null) a.child.kill('SIGKILL');
      if (b && b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    }
  }, 60_000);
});

import { connectRedis, listAccounts } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle } from '@wxbot/testkit';
import { fleetWorker, redisFleetRig, logLines, prepareFleetDir, until, withEvent, type Proc } from '../helpers/fleet';

// Failover of `wxbot fleet --store redis://…` (issue 16 item 7): two real worker processes share
// the accounts of one Redis; one is SIGKILLed in the middle of a flood. Its accounts must resume
// on the other worker once their leases expire (a session resume: no new QR login) and every
// message must be answered exactly once. Ten accounts, as the issue asks: the whole test takes
// ~10 s here (most of it two process starts, the logins and the lease TTL).
const N = 10;
const PER = 12;
const TTL_MS = 2_000;
/** Lease TTL + a resume (webwxinit, contacts) of every account on a loaded CI machine. */
const TAKEOVER_BUDGET_MS = TTL_MS + 15_000;
const accounts = Array.from({ length: N }, (_, i) => `acct-${String(i + 1).padStart(2, '0')}`);

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('wxbot fleet --store redis://… failover (real processes)'), () => {
  const rig = redisFleetRig(N, 'wxbot-redis-fleet-');

  it(`SIGKILL one of two workers mid-flood: its accounts resume on the other (no QR), ${N * PER} messages each answered once`, async () => {
    const { server, sim, dir } = rig;
    // Pacing off: the flood is answered at once, so the kill lands among sends in flight.
    prepareFleetDir(dir);
    const worker = (owner: string, max: number, extra: string[] = []): Proc =>
      fleetWorker(dir, { store: server.url, endpoint: sim.url, owner, maxAccounts: max, leaseTtlMs: TTL_MS }, extra);

    // Worker A registers the accounts (as `wxbot accounts add` would) and takes half; B, started
    // once A runs, takes the other half and has room for all.
    const a = worker('worker-a', N / 2, ['--add', accounts.join(',')]);
    let b: Proc | undefined;
    try {
      await until('worker A to run its half', () => withEvent(a, 'ready').length === N / 2, 30_000, [a]);
      // The simulated accounts A logged into (B has not started yet): those with a session.
      const simOfA = sim.accounts().filter((n) => sim.account(n).state().session !== undefined);
      expect(simOfA).toHaveLength(N / 2);
      b = worker('worker-b', N);
      const bProc = b;
      await until('worker B to run the other half', () => withEvent(bProc, 'ready').length === N / 2, 30_000, [a, bProc]);
      const onA = withEvent(a, 'ready').sort();
      expect(new Set([...onA, ...withEvent(bProc, 'ready')])).toEqual(new Set(accounts));

      // Every simulated account has one session now; a resume keeps it, a new login would replace it.
      const simAccounts = sim.accounts();
      const sids = simAccounts.map((n) => sim.account(n).state().session?.sid);
      expect(sids.every((s) => s !== undefined)).toBe(true);

      const texts = new Map(simAccounts.map((n) => [n, Array.from({ length: PER }, (_, i) => `${n}/m${i}`)]));
      const inject = (from: number, to: number): void => {
        for (let i = from; i < to; i++) {
          for (const n of simAccounts) {
            const friend = sim.account(n).state().friends[0]?.nickName as string;
            sim.account(n).injectText({ from: friend, text: (texts.get(n) as string[])[i] as string });
          }
        }
      };
      const answered = (n: string): number => new Set(sim.account(n).sent().map((s) => s.content)).size;

      // The first half of the flood. The kill lands in the worst window of every account of A: the
      // simulator carried a reply out (stored, echoed) and holds its answer, so A never heard
      // back; B must find it done by its echo, not send it again.
      for (const n of simOfA) sim.account(n).faults.add({ kind: 'sendmsg', type: 'lose-response', ms: 10_000 });
      inject(0, PER / 2);
      await until('a reply carried out, its answer held, on every account of A', () => simOfA.every((n) => sim.account(n).faults.list().length === 0), 10_000, [a, bProc]);
      a.child.kill('SIGKILL');
      await a.exited;
      const answeredAtKill = simAccounts.map(answered).reduce((x, y) => x + y, 0);
      const killedAt = Date.now();
      const bOutAtKill = bProc.out.join('').length;
      inject(PER / 2, PER);

      // A's accounts are claimed by B once their leases expire, and resumed.
      await until('B to take over every account of A', () => onA.every((acc) => withEvent(bProc, 'ready').includes(acc)), TAKEOVER_BUDGET_MS, [bProc]);
      const takeoverMs = Date.now() - killedAt;
      const all = [...texts.values()].flat();
      await until('every message answered', () => simAccounts.every((n) => answered(n) === PER), 20_000, [bProc]);

      // No new QR: B logged A's accounts in by resuming their sessions from Redis, printed no QR
      // code after the kill, and every simulated account still has its first session.
      const logins = logLines(bProc).filter((l) => l.account !== undefined && onA.includes(l.account) && l.msg.startsWith(`${l.account}: logged in`));
      expect(logins.map((l) => [l.account, l.method]).sort()).toEqual(onA.map((acc) => [acc, 'resume']));
      expect(bProc.out.join('').slice(bOutAtKill)).not.toMatch(/scan with WeChat/);
      expect(simAccounts.map((n) => sim.account(n).state().session?.sid)).toEqual(sids);

      // `wxbot accounts list` sees every account on B.
      const redis = await connectRedis(server.url);
      try {
        expect((await listAccounts(redis)).map((x) => [x.name, x.owner])).toEqual(accounts.map((acc) => [acc, 'worker-b']));
      } finally {
        redis.disconnect();
      }

      // B stops (drains its outbox, gives the accounts back): nothing more can be sent after this.
      bProc.child.kill('SIGTERM');
      expect(await bProc.exited).toBe(0);
      const replies = new Map<string, number>();
      for (const n of simAccounts) for (const s of sim.account(n).sent()) replies.set(s.content, (replies.get(s.content) ?? 0) + 1);
      const wrong = all.filter((t) => replies.get(t) !== 1).map((t) => `${t}: ${replies.get(t) ?? 0}`);
      expect(wrong).toEqual([]);
      expect([...replies.keys()].filter((t) => !all.includes(t))).toEqual([]);
      // The figure for the report (not asserted beyond the budget above).
      console.log(`redis fleet failover: SIGKILL (a reply in flight on each of A's accounts) with ${answeredAtKill} of ${N * PER / 2} injected messages answered; ${onA.length} accounts resumed on worker B ${takeoverMs} ms after it (lease TTL ${TTL_MS} ms)`);
    } finally {
      if (a.child.exitCode === null) a.child.kill('SIGKILL');
      if (b && b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    }
  }, 60_000);
});

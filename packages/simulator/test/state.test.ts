import { startSimulator, type Simulator } from '../src';
import { login, sync } from './helpers';

describe('sim.state()', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100, seed: 13 });
  });
  afterEach(() => sim.close());

  it('before a login: the address book without UserNames, no session', () => {
    const s = sim.state();
    expect(s.session).toBeUndefined();
    expect(s.login).toEqual({});
    expect(s.self).toEqual({ nickName: 'wxbot', remarkName: '', wxid: 'wxid_wxbot0self', userName: '' });
    expect(s.friends.map((f) => f.nickName)).toEqual(['Alice', 'Bob', 'Carol', 'Dave', '张伟', 'Eve🌙']);
    expect(s.strangers.map((f) => f.nickName)).toEqual(['Mallory', 'Trent']);
    expect(s.officialAccounts.map((f) => f.nickName)).toEqual(['Tech Weekly', 'Daily Notes']);
    expect(s.groups.map((g) => [g.topic, g.saved, g.owner, g.joined, g.userName])).toEqual([
      ['Family', true, 'Alice', true, ''],
      ['Dev Team', false, 'wxbot', true, ''],
    ]);
    expect(s.groups[0]?.members.map((m) => [m.nickName, m.friend, m.displayName])).toEqual([['wxbot', false, ''], ['Alice', true, ''], ['Bob', true, 'Dad'], ['Carol', true, '']]);
    expect([s.sent, s.uploads]).toEqual([0, 0]);
    expect(s.hosts).toEqual({ main: 'wx2.qq.com', login: 'login.wx2.qq.com', file: 'file.wx2.qq.com', push: 'webpush.wx2.qq.com' });
  });

  it('after a login: the session with its UserNames, the login status, and counters that follow the traffic', async () => {
    const me = await login(sim);
    sim.injectText({ from: 'Alice', text: 'hi' });
    const s = sim.state();
    expect(s.login).toMatchObject({ status: 'redeemed', desktop: false });
    expect(s.session).toMatchObject({ uin: Number(me.uin), sid: me.sid, skey: me.skey, userName: me.userName, desktop: false, lang: 'zh_CN', syncCount: 0 });
    expect(s.session?.pendingEvents).toBeGreaterThan(0);
    expect(s.self.userName).toBe(me.userName);
    expect(s.friends.every((f) => /^@[0-9a-f]+$/.test(f.userName))).toBe(true);
    await sync(sim, me);
    expect(sim.state().session?.syncCount).toBe(1);
    const before = sim.state().clock;
    expect(sim.state().clock).toBeGreaterThanOrEqual(before);
    sim.advanceClock(60_000);
    expect(sim.state().clock).toBeGreaterThanOrEqual(before + 60_000);
    sim.forceLogout(1101);
    expect(sim.state().session?.ended).toBe(1101);
  });
});

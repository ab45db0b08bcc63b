import { generateScenario, startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login } from '../helpers';

describe('webwxgetcontact and webwxbatchgetcontact', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 3 });
  });
  afterEach(() => sim.close());

  it('lists contacts: friends, MPs, specials and saved groups only', async () => {
    const me = await login(sim);
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxgetcontact?lang=zh_CN&pass_ticket=${me.passTicket}&r=1&seq=0&skey=${me.skey}`, { cookies: me.cookies });
    const json = JSON.parse(reply.text);
    expect(json.Seq).toBe(0);
    const names = json.MemberList.map((c: { NickName: string }) => c.NickName);
    expect(names).toEqual(expect.arrayContaining(['Alice', 'Carol', '文件传输助手', 'Tech Weekly', 'Family']));
    expect(names).not.toContain('Dev Team');
    expect(names).not.toContain('Mallory');
    const family = json.MemberList.find((c: { NickName: string }) => c.NickName === 'Family');
    expect(family).toMatchObject({ MemberList: [], MemberCount: 4 });
    expect(family.ContactFlag & 4).toBe(4);
    expect(json.MemberList.find((c: { NickName: string }) => c.NickName === 'Tech Weekly').VerifyFlag).toBe(24);
    expect(json.MemberList.find((c: { NickName: string }) => c.NickName === 'Eve<span class="emoji emoji1f319"></span>')).toBeTruthy();
    expect(json.MemberList.find((c: { UserName: string }) => c.UserName === 'filehelper')).toBeTruthy();
    const noCookies = await call(sim, MAIN_HOST, `${MM}/webwxgetcontact?seq=0`);
    expect(JSON.parse(noCookies.text).BaseResponse.Ret).toBe(1100);
  });

  it('pages 5,000 contacts by seq', async () => {
    const t0 = Date.now();
    const scenario = generateScenario({ friends: 5000, groups: 100, membersPerGroup: 50, seed: 9 });
    const big = await startSimulator({ scenario, contactPageSize: 800 });
    const buildMs = Date.now() - t0;
    try {
      const me = await login(big);
      const seen = new Set<string>();
      let seq = 0;
      let pages = 0;
      do {
        const json = JSON.parse((await call(big, MAIN_HOST, `${MM}/webwxgetcontact?seq=${seq}&skey=${me.skey}`, { cookies: me.cookies })).text);
        expect(json.MemberCount).toBe(json.MemberList.length);
        for (const c of json.MemberList) seen.add(c.UserName);
        expect(json.Seq === 0 || json.Seq > seq).toBe(true);
        seq = json.Seq;
        pages += 1;
      } while (seq !== 0);
      // 5000 friends + 20 MPs + 4 specials + 50 saved groups
      expect(seen.size).toBe(5074);
      expect(pages).toBe(7);
      expect(buildMs).toBeLessThan(5000);
    } finally {
      await big.close();
    }
  });

  it('batchgetcontact: groups with members and EncryChatRoomId, strangers, unknowns omitted, more than 50 refused', async () => {
    const me = await login(sim);
    const state = sim.state();
    const dev = state.groups.find((g) => g.topic === 'Dev Team');
    const mallory = dev?.members.find((m) => m.nickName === 'Mallory');
    const json = await api(sim, me, 'webwxbatchgetcontact', {
      Count: 3,
      List: [
        { UserName: dev?.userName, EncryChatRoomId: '' },
        { UserName: mallory?.userName, EncryChatRoomId: dev?.userName },
        { UserName: '@deadbeef', EncryChatRoomId: '' },
      ],
    }, '&type=ex&r=1');
    expect(json['Count']).toBe(2);
    const [group, stranger] = json['ContactList'];
    expect(group.EncryChatRoomId).toMatch(/^@[0-9a-f]{32}$/);
    expect(group.HeadImgUrl).toMatch(/skey=$/);
    expect(group.MemberList.map((m: { NickName: string }) => m.NickName)).toEqual(['wxbot', 'Alice', 'Carol', 'Mallory', 'Trent']);
    expect(group.MemberList.find((m: { NickName: string }) => m.NickName === 'Carol').DisplayName).toBe('Carol (QA)');
    expect(group.IsOwner).toBe(1);
    expect(stranger).toMatchObject({ NickName: 'Mallory', ContactFlag: 0 });
    const tooMany = await api(sim, me, 'webwxbatchgetcontact', { Count: 51, List: Array.from({ length: 51 }, () => ({ UserName: dev?.userName })) });
    expect(tooMany['BaseResponse'].Ret).toBe(1);
    expect(tooMany['ContactList']).toEqual([]);
  });
});

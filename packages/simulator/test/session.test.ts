import { generateScenario, startSimulator, type Simulator } from '../src';
import { MAIN_HOST, MM, api, call, login } from './helpers';

describe('session APIs', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 3 });
  });
  afterEach(() => sim.close());

  it('answers webwxinit with self, recent chats, SyncKey 1/2/3/1000 and text/plain pretty JSON', async () => {
    const me = await login(sim);
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=-1&lang=zh_CN&pass_ticket=${me.passTicket}`, {
      body: JSON.stringify({ BaseRequest: { ...me.baseRequest, Uin: String(me.baseRequest.Uin) } }),
      cookies: me.cookies,
    });
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.text).toMatch(/^\{\n {4}"BaseResponse": \{"Ret": 0,"ErrMsg": ""\},\n {4}"Count": \d+,/);
    const init = JSON.parse(reply.text);
    expect(init.User).toMatchObject({ Uin: 176666155, NickName: 'wxbot' });
    expect(init.User.UserName).toMatch(/^@[0-9a-f]{64}$/);
    expect(init.SyncKey.List.map((k: { Key: number }) => k.Key)).toEqual([1, 2, 3, 1000]);
    expect(init.SKey).toBe(me.skey);
    expect(init.ChatSet).toMatch(/^filehelper,.*,$/);
    const nick = init.ContactList.map((c: { NickName: string }) => c.NickName);
    expect(nick).toEqual(expect.arrayContaining(['Alice', 'Family', 'Dev Team', 'Tech Weekly']));
    const dev = init.ContactList.find((c: { NickName: string }) => c.NickName === 'Dev Team');
    expect(dev.UserName).toMatch(/^@@[0-9a-f]{64}$/);
    expect(dev.ContactFlag & 4).toBe(0);
    expect(dev.MemberList[0]).toMatchObject({ NickName: '', Uin: 0 });
    expect(Object.keys(init.ContactList[0])).toEqual(expect.arrayContaining(['PYQuanPin', 'RemarkPYInitial', 'EncryChatRoomId', 'KeyWord', 'IsOwner', 'Statues']));
  });

  it('requires cookies and a matching BaseRequest', async () => {
    const me = await login(sim);
    const post = (cookies: Record<string, string>, base: unknown) =>
      call(sim, MAIN_HOST, `${MM}/webwxinit?r=-1`, { body: JSON.stringify({ BaseRequest: base }), cookies }).then((r) => JSON.parse(r.text).BaseResponse.Ret);
    expect(await post({}, me.baseRequest)).toBe(1100);
    expect(await post(me.cookies, { ...me.baseRequest, Sid: 'other' })).toBe(1100);
    expect(await post(me.cookies, { ...me.baseRequest, Skey: 'whatever', DeviceID: 'junk' })).toBe(0);
    const strict = await startSimulator({ strict: true });
    try {
      const s = await login(strict);
      const res = await call(strict, MAIN_HOST, `${MM}/webwxinit?r=-1`, { body: JSON.stringify({ BaseRequest: { ...s.baseRequest, Skey: 'bad' } }), cookies: s.cookies });
      expect(JSON.parse(res.text).BaseResponse.Ret).toBe(1100);
    } finally {
      await strict.close();
    }
  });

  it('a new login kicks the previous session (1101)', async () => {
    const first = await login(sim);
    await login(sim);
    expect((await api(sim, first, 'webwxinit')).BaseResponse.Ret).toBe(1101);
  });

  it('answers webwxstatusnotify on one line', async () => {
    const me = await login(sim);
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxstatusnotify?lang=zh_CN`, {
      body: JSON.stringify({ BaseRequest: me.baseRequest, Code: 3, FromUserName: me.userName, ToUserName: me.userName, ClientMsgId: 1 }),
      cookies: me.cookies,
    });
    expect(reply.text).toMatch(/^\{"BaseResponse": \{"Ret": 0,"ErrMsg": ""\},"MsgID": "\d{19}"\}$/);
  });

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

  it('push login needs the long-lived cookies', async () => {
    const me = await login(sim);
    const push = (cookies: Record<string, string>) => call(sim, MAIN_HOST, `${MM}/webwxpushloginurl?uin=${me.uin}`, { cookies }).then((r) => r.text);
    expect(await push({})).toBe('{"ret":"1","msg":"args error"}');
    expect(await push({ wxuin: me.uin, webwx_auth_ticket: 'forged' })).toBe('{"ret":"3","msg":"device authinfo invalid"}');
    const ok = JSON.parse(await push({ wxuin: me.uin, webwx_auth_ticket: me.cookies['webwx_auth_ticket'] ?? '' }));
    expect(ok).toMatchObject({ ret: '0', msg: 'all ok' });
    expect(sim.state().login.uuid).toBe(ok.uuid);
  });

  it('logout ends the session: synccheck 1100, APIs 1100', async () => {
    const me = await login(sim);
    const out = await call(sim, MAIN_HOST, `${MM}/webwxlogout?redirect=1&type=1&skey=${me.skey}`, { method: 'POST', cookies: me.cookies });
    expect(out.status).toBe(200);
    expect(out.headers['content-type']).toContain('text/html');
    expect((await api(sim, me, 'webwxinit')).BaseResponse.Ret).toBe(1100);
  });
});

import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login, selector, sync, synccheck } from '../helpers';

describe('synccheck and webwxsync', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 300, seed: 11 });
  });
  afterEach(() => sim.close());

  it('delivers the 51/4 conversation list after statusnotify Code 3, then holds and times out with selector 0', async () => {
    const me = await login(sim, { notify: true });
    const first = await synccheck(sim, me);
    expect(first.headers['content-type']).toBe('text/javascript');
    expect(first.text).toBe('window.synccheck={retcode:"0",selector:"2"}');
    const json = await sync(sim, me);
    expect(json['AddMsgCount']).toBe(1);
    const conv = json['AddMsgList'][0];
    expect(conv).toMatchObject({ MsgType: 51, StatusNotifyCode: 4, FromUserName: me.userName, ToUserName: me.userName });
    expect(conv.StatusNotifyUserName.split(',')).toHaveLength(6);
    expect(conv.Content).toContain("&lt;op id='4'&gt;<br/>&lt;username&gt;filehelper,wxid_alice01,902809793@chatroom");
    expect(json['SKey']).toBe(me.skey);
    expect(json['SyncKey'].List.map((k: { Key: number }) => k.Key)).toEqual([1, 2, 3, 11, 201, 1000, 1001]);
    expect(json['SyncCheckKey']).not.toEqual(json['SyncKey']);
    expect(selector(await synccheck(sim, me))).toBe('0/0');
  });

  it('mints new UserNames at every login (docs/protocol.md 13.2); the 51/4 list pairs them with the same permanent ids', async () => {
    const loginAndList = async () => {
      const me = await login(sim, { notify: true });
      await synccheck(sim, me);
      const conv = (await sync(sim, me))['AddMsgList'][0];
      const wxids = (/&lt;username&gt;([^&]*)&lt;\/username&gt;/.exec(conv.Content)?.[1] ?? '').split(',');
      const names: string[] = conv.StatusNotifyUserName.split(',');
      expect(names).toHaveLength(wxids.length);
      return { self: me.userName, byWxid: new Map(wxids.map((w, i) => [w, names[i] as string])) };
    };
    const one = await loginAndList();
    sim.forceLogout(1101);
    const two = await loginAndList();
    expect(two.self).not.toBe(one.self);
    expect([...two.byWxid.keys()]).toEqual([...one.byWxid.keys()]);
    for (const [wxid, name] of two.byWxid) {
      // Literal ids (filehelper) are the same in every session; every @ / @@ UserName is new.
      if (name.startsWith('@')) expect([wxid, name]).not.toEqual([wxid, one.byWxid.get(wxid)]);
      else expect(name).toBe(wxid);
    }
    const alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName;
    expect(two.byWxid.get('wxid_alice01')).toBe(alice);
  });

  it('answers a waiting synccheck as soon as a message arrives, and delivers it exactly once', async () => {
    const me = await login(sim);
    await sync(sim, me);
    const waiting = synccheck(sim, me);
    setTimeout(() => sim.injectText({ from: 'Alice', text: 'a < b & "c"\nline2 😁 👐 🇨🇳' }), 30);
    expect(selector(await waiting)).toBe('0/2');
    const json = await sync(sim, me);
    const [msg] = json['AddMsgList'];
    expect(msg.MsgType).toBe(1);
    expect(msg.Content).toBe(
      'a &lt; b &amp; &quot;c&quot;<br/>line2 <span class="emoji emoji1f63c"></span> <span class="emoji emoji1f450"></span <span class="emoji emoji1f1e81f1f3"></span>',
    );
    expect(msg.FromUserName).toBe(sim.state().friends.find((f) => f.nickName === 'Alice')?.userName);
    expect(msg.MsgId).toMatch(/^\d{19}$/);
    const again = await sync(sim, me);
    expect(again['AddMsgCount']).toBe(0);
    expect(again['SyncKey']).toEqual({ Count: 0, List: [] });
    expect(selector(await synccheck(sim, me))).toBe('0/0');
  });

  it('prints NewMsgId as a bare integer equal to MsgId (the JS precision trap)', async () => {
    const me = await login(sim);
    const { msgId } = sim.injectText({ from: 'Bob', text: 'x' });
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxsync?sid=${me.sid}&skey=${me.skey}`, {
      body: JSON.stringify({ BaseRequest: me.baseRequest, SyncKey: me.syncKey, rr: -1 }),
      cookies: me.cookies,
    });
    expect(reply.text).toContain(`"NewMsgId": ${msgId},`);
    expect(reply.text).toContain(`"MsgId": "${msgId}"`);
    const names = (reply.headers['set-cookie'] ?? []).map((l) => l.split('=')[0]);
    expect(names).toEqual(['wxloadtime', 'wxpluginkey', 'wxuin', 'wxsid', 'webwx_data_ticket']);
    expect(reply.headers['set-cookie']?.[0]).toMatch(/^wxloadtime=\d{10}_expired; Domain=wx2\.qq\.com/);
  });

  it('replaying an old SyncKey yields the same messages again; a stale synccheck key gets selector 2', async () => {
    const me = await login(sim);
    const oldKey = me.syncKey;
    sim.injectText({ from: 'Carol', text: 'one' });
    sim.injectText({ from: 'Carol', text: 'two' });
    const first = await sync(sim, me);
    expect(first['AddMsgList'].map((m: { Content: string }) => m.Content)).toEqual(['one', 'two']);
    const replay = await api(sim, me, 'webwxsync', { SyncKey: oldKey, rr: 1 });
    expect(replay['AddMsgList'].map((m: { MsgId: string }) => m.MsgId)).toEqual(first['AddMsgList'].map((m: { MsgId: string }) => m.MsgId));
    expect(selector(await synccheck(sim, me, oldKey))).toBe('0/2');
    expect(selector(await synccheck(sim, me))).toBe('0/0');
  });

  it('a client that synccheck-s with SyncKey instead of SyncCheckKey loops on selector 2 after they diverge', async () => {
    const me = await login(sim, { notify: true });
    const json = await sync(sim, me);
    expect(json['SyncCheckKey']).not.toEqual(json['SyncKey']);
    expect(selector(await synccheck(sim, me, me.syncKey))).toBe('0/2');
    expect((await sync(sim, me))['AddMsgCount']).toBe(0);
    expect(selector(await synccheck(sim, me, me.syncKey))).toBe('0/2');
  });

  it('echoes sent messages in AddMsgList with FromUserName = self and records them', async () => {
    const me = await login(sim);
    const state = sim.state();
    const alice = state.friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
    const family = state.groups.find((g) => g.topic === 'Family')?.userName ?? '';
    const waiting = synccheck(sim, me);
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxsendmsg?lang=zh_CN&pass_ticket=${me.passTicket}`, {
      body: JSON.stringify({ BaseRequest: me.baseRequest, Msg: { Type: 1, Content: 'hi <Alice>', FromUserName: me.userName, ToUserName: alice, LocalID: '15462147414160521', ClientMsgId: '15462147414160521' }, Scene: 0 }),
      cookies: me.cookies,
    });
    expect(reply.text).toMatch(/^\{"BaseResponse": \{"Ret": 0,"ErrMsg": ""\},"MsgID": "\d{19}","LocalID": "15462147414160521"\}$/);
    expect(selector(await waiting)).toBe('0/2');
    await api(sim, me, 'webwxsendmsg', { Msg: { Type: 1, Content: 'to family', FromUserName: me.userName, ToUserName: family, LocalID: '2', ClientMsgId: '2' }, Scene: 0 });
    const json = await sync(sim, me);
    expect(json['AddMsgList'].map((m: { FromUserName: string; Content: string }) => [m.FromUserName, m.Content])).toEqual([
      [me.userName, 'hi &lt;Alice&gt;'],
      [me.userName, 'to family'],
    ]);
    expect(sim.sent().map((s) => [s.to, s.room, s.content])).toEqual([
      ['Alice', undefined, 'hi <Alice>'],
      ['Family', 'Family', 'to family'],
    ]);
  });

  it('refuses sends to non-friends, self and unknown targets', async () => {
    const me = await login(sim);
    const mallory = sim.state().strangers.find((s) => s.nickName === 'Mallory')?.userName;
    const send = async (to: string | undefined) =>
      (await api(sim, me, 'webwxsendmsg', { Msg: { Type: 1, Content: 'x', FromUserName: me.userName, ToUserName: to, LocalID: '1', ClientMsgId: '1' }, Scene: 0 }))['BaseResponse'].Ret;
    expect(await send(mallory)).toBe(1204);
    expect(await send(me.userName)).toBe(1204);
    expect(await send('@0000')).toBe(1204);
    expect(await send('@@0000')).toBe(1201);
    expect(await send('filehelper')).toBe(0);
    expect(sim.sent()).toHaveLength(1);
  });

  it('checks the PUSH host and cookies on synccheck', async () => {
    const me = await login(sim);
    expect(selector(await synccheck(sim, me, me.checkKey, 'webpush.wx.qq.com'))).toBe('1100/0');
    expect(selector(await synccheck(sim, me, me.checkKey, 'wx2.qq.com'))).toBe('1100/0');
    const noCookies = await call(sim, 'webpush.wx2.qq.com', `${MM}/synccheck?synckey=1_1`);
    expect(selector(noCookies)).toBe('1102/0');
  });

  it('kicked and force-logged-out sessions: synccheck answers the code, waiting polls at once', async () => {
    const me = await login(sim);
    const waiting = synccheck(sim, me);
    setTimeout(() => sim.forceLogout(1102), 20);
    expect(selector(await waiting)).toBe('1102/0');
    expect((await api(sim, me, 'webwxsync', { SyncKey: me.syncKey }))['BaseResponse'].Ret).toBe(1102);
    const next = await login(sim);
    const pending = synccheck(sim, next);
    const relogin = new Promise((r) => setTimeout(r, 20)).then(() => login(sim));
    expect(selector(await pending)).toBe('1101/0');
    await relogin;
  });

  it('caps a flood into batches of syncBatchSize and keeps selector 2 until drained', async () => {
    const flood = await startSimulator({ syncBatchSize: 100, longPollMs: 200 });
    try {
      const me = await login(flood);
      for (let i = 0; i < 250; i++) flood.injectText({ from: 'Alice', text: `m${i}` });
      const seen: string[] = [];
      while (selector(await synccheck(flood, me)) === '0/2') {
        const json = await sync(flood, me);
        seen.push(...json['AddMsgList'].map((m: { Content: string }) => m.Content));
      }
      expect(seen).toHaveLength(250);
      expect(seen[249]).toBe('m249');
    } finally {
      await flood.close();
    }
  });

  it('contact changes arrive in ModContactList with selector 4', async () => {
    const me = await login(sim);
    await sync(sim, me);
    const waiting = synccheck(sim, me);
    setTimeout(() => sim.renameGroup('Family', 'Family ❤️', 'Alice'), 20);
    expect(selector(await waiting)).toBe('0/4');
    const json = await sync(sim, me);
    expect(json['ModContactCount']).toBe(1);
    const [group] = json['ModContactList'];
    expect(group).toMatchObject({ NickName: 'Family <span class="emoji emoji2764"></span>', HeadImgUpdateFlag: 1, ContactType: 0, MemberCount: 4 });
    expect(group.ChatRoomOwner).toBe(sim.state().friends.find((f) => f.nickName === 'Alice')?.userName);
    expect(group.MemberList).toHaveLength(4);
    expect(json['AddMsgList'][0]).toMatchObject({ MsgType: 10000, Content: '&quot;Alice&quot;修改群名为“Family <span class="emoji emoji2764"></span>”' });
    expect(json['SyncCheckKey']).not.toEqual(json['SyncKey']);
    expect(sim.state().groups.map((g) => g.topic)).toContain('Family ❤️');
  });

  it('a self rename arrives as Profile with BitFlag 190 (selector 4), and only once', async () => {
    const me = await login(sim);
    await sync(sim, me);
    const waiting = synccheck(sim, me);
    setTimeout(() => sim.renameSelf('wxbot 🤖'), 20);
    expect(selector(await waiting)).toBe('0/4');
    const json = await sync(sim, me);
    expect(json['Profile']).toMatchObject({ BitFlag: 190, NickName: { Buff: 'wxbot <span class="emoji emoji1f916"></span>' }, UserName: { Buff: me.userName }, HeadImgUpdateFlag: 1 });
    expect(json['Profile'].HeadImgUrl).toMatch(/webwxgeticon\?seq=\d+&username=/);
    const again = await sync(sim, me);
    expect(again['Profile'].BitFlag).toBe(0);
    sim.renameSelf('wxbot');
  });

  it('close() ends pending long polls promptly', async () => {
    const slow = await startSimulator({ longPollMs: 60_000, loginPollMs: 60_000 });
    const me = await login(slow);
    const pending = synccheck(slow, me).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    await slow.close();
    await pending;
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

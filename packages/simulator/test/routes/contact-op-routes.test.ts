import { startSimulator, type Simulator } from '../../src';
import { api, call, login, sync, type LoggedIn } from '../helpers';

describe('contact operations', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 31 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const person = (name: string) => [...sim.state().friends, ...sim.state().strangers].find((p) => p.nickName === name);
  const control = (path: string, body: unknown) => call(sim, `127.0.0.1:${sim.port}`, `/__sim/${path}`, { body: JSON.stringify(body) });

  it('oplog CmdId 2 sets a remark; CmdId 3 without RemarkName pins and wipes it (edge 43)', async () => {
    const carol = person('Carol')?.userName ?? '';
    expect(await api(sim, me, 'webwxoplog', { CmdId: 2, RemarkName: 'QA lead', UserName: carol })).toEqual({ BaseResponse: { Ret: 0, ErrMsg: '' } });
    let mod = (await sync(sim, me))['ModContactList'][0];
    expect(mod).toMatchObject({ UserName: carol, RemarkName: 'QA lead' });
    expect(mod.ContactFlag & 0x800).toBe(0);

    await api(sim, me, 'webwxoplog', { CmdId: 3, OP: 1, UserName: carol });
    mod = (await sync(sim, me))['ModContactList'][0];
    expect(mod).toMatchObject({ UserName: carol, RemarkName: '' });
    expect(mod.ContactFlag & 0x800).toBe(0x800);

    await api(sim, me, 'webwxoplog', { CmdId: 3, OP: 0, RemarkName: 'kept', UserName: carol });
    mod = (await sync(sim, me))['ModContactList'][0];
    expect(mod).toMatchObject({ RemarkName: 'kept' });
    expect(mod.ContactFlag & 0x800).toBe(0);
    expect(person('Carol')?.remarkName).toBe('kept');

    const mallory = person('Mallory')?.userName ?? '';
    expect((await api(sim, me, 'webwxoplog', { CmdId: 2, RemarkName: 'x', UserName: mallory }))['BaseResponse'].Ret).toBe(1);
  });

  it('verifyuser Opcode 3 accepts a request with its ticket: ModContactList + "你已添加了…"', async () => {
    const created = await control('messages', { friendRequest: { from: 'Bob Stranger', greeting: 'hi' } });
    expect(created.status).toBe(200);
    const request = (await sync(sim, me))['AddMsgList'][0];
    expect(request).toMatchObject({ MsgType: 37, FromUserName: 'fmessage', RecommendInfo: { NickName: 'Bob Stranger', Content: 'hi' } });
    const { UserName, Ticket } = request.RecommendInfo;
    const verify = (ticket: string) =>
      api(sim, me, 'webwxverifyuser', { Opcode: 3, VerifyUserListSize: 1, VerifyUserList: [{ Value: UserName, VerifyUserTicket: ticket }], VerifyContent: '', SceneListCount: 1, SceneList: [33], skey: me.skey });
    expect((await verify('v2_wrong@stranger'))['BaseResponse'].Ret).toBe(-14);
    expect((await verify(Ticket))['BaseResponse'].Ret).toBe(0);
    const json = await sync(sim, me);
    expect(json['ModContactList'][0]).toMatchObject({ UserName, NickName: 'Bob Stranger', ContactFlag: 3 });
    expect(json['AddMsgList'][0]).toMatchObject({ MsgType: 10000, FromUserName: UserName, Status: 4, Content: '你已添加了Bob Stranger，现在可以开始聊天了。' });
    expect(sim.state().friends.map((f) => f.nickName)).toContain('Bob Stranger');
    // Now a friend: messages to them go through.
    const sent = await api(sim, me, 'webwxsendmsg', { Msg: { Type: 1, Content: 'hello', FromUserName: me.userName, ToUserName: UserName, LocalID: '1', ClientMsgId: '1' }, Scene: 0 });
    expect(sent['BaseResponse'].Ret).toBe(0);
  });

  it('a request from a group carries its scene and the group (chatroomusername); Opcode 4 rejects it by ticket', async () => {
    const created = await control('messages', { friendRequest: { from: 'Quinn', greeting: 'saw you in Family', room: 'Family', scene: 14 } });
    expect(created.status).toBe(200);
    const request = (await sync(sim, me))['AddMsgList'][0];
    expect(request.RecommendInfo).toMatchObject({ NickName: 'Quinn', Content: 'saw you in Family', Scene: 14 });
    const family = sim.state().groups.find((g) => g.topic === 'Family');
    expect(family?.wxid).toMatch(/@chatroom$/);
    expect(request.Content).toContain(`chatroomusername="${family?.wxid}"`);
    expect((await control('messages', { friendRequest: { from: 'Quinn', room: 'Nowhere' } })).status).toBe(404);

    const { UserName, Ticket } = request.RecommendInfo;
    const verify = (opcode: number, ticket: string) =>
      api(sim, me, 'webwxverifyuser', { Opcode: opcode, VerifyUserListSize: 1, VerifyUserList: [{ Value: UserName, VerifyUserTicket: ticket }], VerifyContent: '', SceneListCount: 1, SceneList: [33], skey: me.skey });
    expect((await verify(4, 'v2_wrong@stranger'))['BaseResponse'].Ret).toBe(-14);
    expect(sim.state().friendRequests.incoming.map((r) => r.nickName)).toContain('Quinn');
    expect((await verify(4, Ticket))['BaseResponse'].Ret).toBe(0);
    expect(sim.state().friendRequests.incoming.map((r) => r.nickName)).not.toContain('Quinn');
    expect((await verify(3, Ticket))['BaseResponse'].Ret).toBe(-14);
    expect(sim.state().friends.map((f) => f.nickName)).not.toContain('Quinn');
  });

  it('verifyuser Opcode 2 records a request that the control API then accepts', async () => {
    const mallory = person('Mallory')?.userName ?? '';
    const sent = await api(sim, me, 'webwxverifyuser', { Opcode: 2, VerifyUserListSize: 1, VerifyUserList: [{ Value: mallory, VerifyUserTicket: '' }], VerifyContent: '我是机器人', SceneListCount: 1, SceneList: [33], skey: me.skey });
    expect(sent['BaseResponse'].Ret).toBe(0);
    expect(sim.state().friendRequests.outgoing).toEqual([{ nickName: 'Mallory', userName: mallory, greeting: '我是机器人', status: 'pending' }]);
    expect((await control('friends/accept', { name: 'Nobody' })).status).toBe(404);
    expect((await control('friends/accept', { name: 'Mallory' })).status).toBe(200);
    const json = await sync(sim, me);
    expect(json['ModContactList'][0]).toMatchObject({ UserName: mallory, ContactFlag: 3 });
    expect(json['AddMsgList'][0]).toMatchObject({ MsgType: 10000, Content: '你已添加了Mallory，现在可以开始聊天了。' });
    expect(sim.state().friendRequests.outgoing[0]?.status).toBe('accepted');
  });

  it('English wording when the login used lang=en_US', async () => {
    await sim.close();
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 32 });
    me = await login(sim, { lang: 'en_US' });
    expect(sim.state().session?.lang).toBe('en_US');
    sim.friendRequest({ from: 'Zed' });
    const request = (await sync(sim, me))['AddMsgList'][0];
    const { UserName, Ticket } = request.RecommendInfo;
    await api(sim, me, 'webwxverifyuser', { Opcode: 3, VerifyUserListSize: 1, VerifyUserList: [{ Value: UserName, VerifyUserTicket: Ticket }], VerifyContent: '', SceneListCount: 1, SceneList: [33], skey: me.skey });
    expect((await sync(sim, me))['AddMsgList'][0].Content).toBe('You have added Zed as your WeChat contact. Start chatting!');
  });
});

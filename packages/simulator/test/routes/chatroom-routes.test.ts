import { generateScenario, startSimulator, type Simulator } from '../../src';
import { api, call, login, sync, type LoggedIn } from '../helpers';
import { msg } from '../upload-helpers';

describe('group operations', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 37 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const user = (name: string) => [...sim.state().friends, ...sim.state().strangers].find((p) => p.nickName === name)?.userName ?? '';
  const room = (topic: string) => sim.state().groups.find((g) => g.topic === topic)?.userName ?? '';
  const update = (fun: string, body: Record<string, unknown>) => api(sim, me, 'webwxupdatechatroom', body, `&fun=${fun}`);
  const control = (path: string, body: unknown) => call(sim, `127.0.0.1:${sim.port}`, `/__sim/${path}`, { body: JSON.stringify(body) });
  /** The next sync's group entry and 10000 line. */
  const change = async () => {
    const json = await sync(sim, me);
    return { mod: json['ModContactList'][0], line: json['AddMsgList'][0], json };
  };
  const memberNames = (mod: { MemberList: Array<{ NickName: string }> }) => mod.MemberList.map((m) => m.NickName);

  it('webwxcreatechatroom answers the 11.1 shape, then ModContactList + 你邀请 line', async () => {
    const created = await api(sim, me, 'webwxcreatechatroom', { MemberCount: 2, MemberList: [{ UserName: user('Alice') }, { UserName: user('Dave') }], Topic: '' });
    expect(created['BaseResponse']).toEqual({ Ret: 0, ErrMsg: 'Everything is OK' });
    expect(created['ChatRoomName']).toMatch(/^@@[0-9a-f]{64}$/);
    expect(created).toMatchObject({ Topic: '', MemberCount: 2, BlackList: '' });
    expect(created['MemberList'][0]).toEqual({ Uin: 0, UserName: user('Alice'), NickName: 'Alice', AttrStatus: expect.any(Number), PYInitial: '', PYQuanPin: '', RemarkPYInitial: '', RemarkPYQuanPin: '', MemberStatus: 0, DisplayName: '', KeyWord: '' });
    const { mod, line } = await change();
    expect(mod).toMatchObject({ UserName: created['ChatRoomName'], MemberCount: 3, ChatRoomOwner: me.userName, IsOwner: 1 });
    expect(memberNames(mod)).toEqual(['wxbot', 'Alice', 'Dave']);
    expect(line).toMatchObject({ MsgType: 10000, FromUserName: created['ChatRoomName'], Content: '你邀请&quot;Alice、Dave&quot;加入了群聊  ' });
    // The new group is a valid send target.
    expect((await api(sim, me, 'webwxsendmsg', msg(me, created['ChatRoomName'], { Type: 1, Content: 'hi all' })))['BaseResponse'].Ret).toBe(0);
    // Fewer than 2 others, or a stranger → refused.
    expect((await api(sim, me, 'webwxcreatechatroom', { MemberCount: 1, MemberList: [{ UserName: user('Alice') }], Topic: '' }))['BaseResponse'].Ret).toBe(1);
    expect((await api(sim, me, 'webwxcreatechatroom', { MemberCount: 2, MemberList: [{ UserName: user('Alice') }, { UserName: user('Mallory') }], Topic: '' }))['BaseResponse'].Ret).toBe(1);
  });

  it('addmember adds with "你邀请\\"B\\"加入了群聊  " (two trailing spaces); delmember (owner only); modtopic', async () => {
    const dev = room('Dev Team');
    const added = await update('addmember', { ChatRoomName: dev, AddMemberList: user('Bob') });
    expect(added).toMatchObject({ BaseResponse: { Ret: 0 }, MemberCount: 1 });
    let { mod, line } = await change();
    expect(memberNames(mod)).toContain('Bob');
    expect(line.Content).toBe('你邀请&quot;Bob&quot;加入了群聊  ');

    expect((await update('delmember', { ChatRoomName: dev, DelMemberList: user('Mallory') }))['BaseResponse'].Ret).toBe(0);
    ({ mod, line } = await change());
    expect(memberNames(mod)).not.toContain('Mallory');
    expect(line.Content).toBe('你将&quot;Mallory&quot;移出了群聊');

    // Family is owned by Alice: the account cannot remove people there.
    expect((await update('delmember', { ChatRoomName: room('Family'), DelMemberList: user('Bob') }))['BaseResponse'].Ret).toBe(-2);

    expect((await update('modtopic', { ChatRoomName: dev, NewTopic: '研发群' }))['BaseResponse'].Ret).toBe(0);
    ({ mod, line } = await change());
    expect(mod.NickName).toBe('研发群');
    expect(line.Content).toBe('你修改群名为“研发群”');
  });

  it('quitchatroom removes the group (DelContactList); sending there then fails with 1201', async () => {
    const dev = room('Dev Team');
    expect((await update('quitchatroom', { ChatRoomName: dev }))['BaseResponse'].Ret).toBe(0);
    const { json } = await change();
    expect(json['DelContactList']).toEqual([{ UserName: dev, ContactFlag: 0 }]);
    expect(sim.state().groups.find((g) => g.topic === 'Dev Team')?.joined).toBe(false);
    expect((await api(sim, me, 'webwxsendmsg', msg(me, dev, { Type: 1, Content: 'x' })))['BaseResponse'].Ret).toBe(1201);
    expect((await update('addmember', { ChatRoomName: dev, AddMemberList: user('Bob') }))['BaseResponse'].Ret).toBe(1201);
  });

  it('membership changes by others, every 10000 wording', async () => {
    const family = room('Family');
    const lines: string[] = [];
    const next = async () => {
      const { mod, line } = await change();
      lines.push(line?.Content ?? '(none)');
      return mod;
    };
    expect((await control('rooms/join', { room: 'Family', member: 'Dave', by: 'Alice' })).status).toBe(200);
    await next();
    sim.joinRoom({ room: 'Family', member: 'Eve🌙', by: 'Bob', via: 'qr' });
    await next();
    sim.joinRoom({ room: 'Family', member: 'Newcomer', by: 'Carol', via: 'qr', leadingSpace: true });
    const withNewcomer = await next();
    expect(memberNames(withNewcomer)).toContain('Newcomer');
    sim.joinRoom({ room: 'Dev Team', member: 'Bob', by: 'self', via: 'qr' });
    await next();
    sim.joinRoom({ room: 'Dev Team', member: 'Dave' }); // by the owner = the account, from the phone
    await next();
    expect((await control('rooms/topic', { room: 'Family', topic: '相亲相爱一家人', by: 'Alice' })).status).toBe(200);
    await next();
    sim.leaveRoom({ room: '相亲相爱一家人', member: 'Dave', by: 'Alice' });
    const afterDave = await next();
    expect(memberNames(afterDave)).not.toContain('Dave');
    expect((await control('rooms/leave', { room: '相亲相爱一家人', member: 'self', by: 'Alice' })).status).toBe(200);
    const removed = await next();
    expect(removed.UserName).toBe(family);
    expect(removed.MemberList.map((m: { UserName: string }) => m.UserName)).not.toContain(me.userName);
    expect(lines).toEqual([
      '&quot;Alice&quot;邀请&quot;Dave&quot;加入了群聊',
      '&quot;Eve<span class="emoji emoji1f319"></span>&quot;通过扫描&quot;Bob&quot;分享的二维码加入群聊',
      '&quot; Newcomer&quot;通过扫描&quot;Carol&quot;分享的二维码加入群聊',
      '&quot;Bob&quot;通过扫描你分享的二维码加入群聊  ',
      '你邀请&quot;Dave&quot;加入了群聊  ',
      '&quot;Alice&quot;修改群名为“相亲相爱一家人”',
      '(none)',
      '你被&quot;Alice&quot;移出群聊',
    ]);
    // No longer a member: nothing arrives from it, sends fail.
    expect(() => sim.injectText({ from: 'Alice', room: '相亲相爱一家人', text: 'x' })).toThrow(/no longer a member/);
    expect((await api(sim, me, 'webwxsendmsg', msg(me, family, { Type: 1, Content: 'x' })))['BaseResponse'].Ret).toBe(1201);
    expect((await control('rooms/join', { room: 'Nope', member: 'x' })).status).toBe(404);
  });

  it('English wording with lang=en_US', async () => {
    await sim.close();
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 38 });
    me = await login(sim, { lang: 'en_US' });
    await update('addmember', { ChatRoomName: room('Dev Team'), AddMemberList: user('Bob') });
    await update('delmember', { ChatRoomName: room('Dev Team'), DelMemberList: user('Bob') });
    sim.joinRoom({ room: 'Family', member: 'Dave', by: 'Alice' });
    sim.joinRoom({ room: 'Family', member: 'Eve🌙', by: 'Bob', via: 'qr' });
    sim.renameGroup('Family', 'Fam', 'Alice');
    sim.leaveRoom({ room: 'Fam', member: 'self', by: 'Alice' });
    const lines = (await sync(sim, me))['AddMsgList'].map((m: { Content: string }) => m.Content);
    expect(lines).toEqual([
      'You invited Bob to the group chat',
      'You removed &quot;Bob&quot; from the group chat',
      'Alice invited Dave to the group chat',
      '&quot;Eve<span class="emoji emoji1f319"></span>&quot; joined the group chat via the QR Code shared by &quot;Bob&quot;.',
      '&quot;Alice&quot; changed the group name to &quot;Fam&quot;',
      'You were removed from the group chat by &quot;Alice&quot;',
    ]);
  });
});

describe('InviteStartCount (40)', () => {
  it('addmember that would reach 40 members answers Ret 1; below it works; invitemember works at any size', async () => {
    const scenario = generateScenario({ friends: 60, groups: 1, membersPerGroup: 37, seed: 4 });
    const sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 41, scenario });
    try {
      const me = await login(sim);
      const group = sim.state().groups[0];
      expect(group?.members).toHaveLength(38);
      const outsiders = sim.state().friends.filter((f) => !group?.members.some((m) => m.userName === f.userName)).map((f) => f.userName);
      const call = (fun: string, key: string, names: string[]) => api(sim, me, 'webwxupdatechatroom', { ChatRoomName: group?.userName, [key]: names.join(',') }, `&fun=${fun}`);
      expect((await call('addmember', 'AddMemberList', outsiders.slice(0, 2)))['BaseResponse'].Ret).toBe(1);
      expect((await call('addmember', 'AddMemberList', outsiders.slice(0, 1)))['BaseResponse'].Ret).toBe(0);
      expect((await call('addmember', 'AddMemberList', outsiders.slice(1, 2)))['BaseResponse'].Ret).toBe(1);
      expect((await call('invitemember', 'InviteMemberList', outsiders.slice(1, 4)))['BaseResponse'].Ret).toBe(0);
      expect(sim.state().groups[0]?.members).toHaveLength(42);
    } finally {
      await sim.close();
    }
  });
});

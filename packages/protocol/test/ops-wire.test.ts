import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  acceptFriendRequest,
  addChatroomMembers,
  createChatroom,
  createWebwxHttp,
  deriveHosts,
  MalformedBodyError,
  mentionMsgSource,
  ProtocolError,
  quitChatroom,
  removeChatroomMembers,
  renameChatroom,
  revokeMessage,
  RevokeExpiredError,
  sendEmoticon,
  sendFile,
  sendFriendRequest,
  sendImage,
  sendText,
  sendVideo,
  ServerRetError,
  setPinned,
  setRemarkName,
  type SessionContext,
} from '@wxbot/protocol';

// Exact request bodies and answer handling of the JSON endpoints of issue 4, against a raw
// local server; the simulator runs them end to end in e2e-media.test.ts / e2e-ops.test.ts.
interface Seen {
  url: URL;
  json: Record<string, unknown>;
}

describe('send, revoke, contact and group requests on the wire', () => {
  let server: http.Server;
  let ctx: SessionContext;
  let desktop: SessionContext;
  const seen: Seen[] = [];
  let answer: unknown = {};

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({ url: new URL(req.url ?? '/', 'http://x'), json: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
        res.setHeader('Content-Type', 'text/plain');
        res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = createWebwxHttp({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    ctx = { http: client, hosts: deriveHosts('wx.qq.com'), credentials: { uin: 42, sid: 'sid', skey: '@crypt_sk', passTicket: 'pt' } };
    desktop = { ...ctx, mode: 'desktop' };
  });
  beforeEach(() => {
    seen.length = 0;
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, MsgID: '9001', LocalID: 'x' };
  });
  afterAll(async () => {
    ctx.http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const last = (): Seen => {
    const s = seen.at(-1);
    if (!s) throw new Error('no request');
    return s;
  };
  const msg = (): Record<string, unknown> => last().json['Msg'] as Record<string, unknown>;
  const query = (): Record<string, string> => Object.fromEntries(last().url.searchParams);

  it('sendImage / sendVideo: fun=async&f=json, Type 3 / 43 with MediaId and empty Content', async () => {
    const r = await sendImage(ctx, { from: '@me', to: '@you', mediaId: '@crypt_img' });
    expect(r.msgId).toBe('9001');
    expect(r.localId).toMatch(/^\d{17}$/);
    expect(last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendmsgimg');
    expect(query()).toMatchObject({ fun: 'async', f: 'json', lang: 'zh_CN', pass_ticket: 'pt' });
    expect(msg()).toEqual({ Type: 3, MediaId: '@crypt_img', Content: '', FromUserName: '@me', ToUserName: '@you', LocalID: r.localId, ClientMsgId: r.localId });
    expect(last().json['Scene']).toBe(0);
    await sendVideo(ctx, { from: '@me', to: '@you', mediaId: '@crypt_vid' });
    expect(last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendvideomsg');
    expect(msg()).toMatchObject({ Type: 43, MediaId: '@crypt_vid' });
    await expect(sendImage(ctx, { from: '@me', to: '@you', mediaId: '' })).rejects.toThrow(ProtocolError);
  });

  it('sendEmoticon: fun=sys, Type 47, EmojiFlag 2, MediaId or EMoticonMd5 and no Content', async () => {
    await sendEmoticon(ctx, { from: '@me', to: '@you', mediaId: '@crypt_gif' });
    expect(query()).toMatchObject({ fun: 'sys' });
    expect(msg()).toMatchObject({ Type: 47, EmojiFlag: 2, MediaId: '@crypt_gif' });
    expect(msg()).not.toHaveProperty('Content');
    await sendEmoticon(ctx, { from: '@me', to: '@you', md5: 'abc123' });
    expect(msg()).toMatchObject({ Type: 47, EmojiFlag: 2, EMoticonMd5: 'abc123' });
    expect(msg()).not.toHaveProperty('MediaId');
  });

  it('sendFile: Type 6 appmsg with the web appid; desktop mode adds mod=desktop and an empty appid', async () => {
    await sendFile(ctx, { from: '@me', to: '@you', mediaId: '@crypt_f', fileName: 'R&D <1>.pdf', size: 99, signature: 'sig' });
    expect(last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxsendappmsg');
    expect(query()).toMatchObject({ fun: 'async', f: 'json' });
    expect(query()).not.toHaveProperty('mod');
    expect(msg()).toMatchObject({ Type: 6, Signature: 'sig' });
    expect(msg()['Content']).toContain("<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>R&amp;D &lt;1&gt;.pdf</title>");
    expect(msg()['Content']).toContain('<totallen>99</totallen><attachid>@crypt_f</attachid><fileext>pdf</fileext>');
    await sendFile(desktop, { from: '@me', to: '@you', mediaId: '@crypt_f', fileName: 'a.txt', size: 1 });
    expect(query()).toMatchObject({ mod: 'desktop' });
    expect(msg()['Content']).toMatch(/^<appmsg appid='' sdkver=''>/);
    expect(msg()).not.toHaveProperty('Signature');
  });

  it('sendText carries an @-mention MsgSource', async () => {
    await sendText(ctx, { from: '@me', to: '@@room', content: '@Alice\u2005hi', msgSource: mentionMsgSource(['@alice'], '@@room') });
    expect(msg()).toMatchObject({ Type: 1, MsgSource: '<msgsource><atusername>@alice</atusername><atchatroomname>@@room</atchatroomname></msgsource>' });
  });

  it('revokeMessage: SvrMsgId, ToUserName and the original ClientMsgId; Ret -1 -> RevokeExpiredError', async () => {
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, Introduction: '你可以撤回2分钟内发送的消息', SysWording: '已撤回' };
    const r = await revokeMessage(ctx, { svrMsgId: '9001', localId: '17000000000001234', to: '@you' });
    expect(r).toEqual({ introduction: '你可以撤回2分钟内发送的消息', sysWording: '已撤回' });
    expect(last().json).toMatchObject({ SvrMsgId: '9001', ToUserName: '@you', ClientMsgId: '17000000000001234' });
    answer = { BaseResponse: { Ret: -1, ErrMsg: '' }, Introduction: '', SysWording: '' };
    const err = await revokeMessage(ctx, { svrMsgId: '9001', localId: '17000000000001234', to: '@you', now: 1_700_000_300_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RevokeExpiredError);
    expect((err as RevokeExpiredError).code).toBe('WEBWX_REVOKE_EXPIRED');
    expect((err as Error).message).toMatch(/2-minute window passed \(its ClientMsgId says it was sent 300 s ago\)/);
    answer = { BaseResponse: { Ret: 1, ErrMsg: '' } };
    await expect(revokeMessage(ctx, { svrMsgId: 'x', localId: '1', to: '@you' })).rejects.toBeInstanceOf(ServerRetError);
  });

  it('setRemarkName is CmdId 2; setPinned is CmdId 3 with OP and always the current RemarkName', async () => {
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    await setRemarkName(ctx, '@alice', 'Al');
    expect(last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxoplog');
    expect(last().json).toMatchObject({ CmdId: 2, RemarkName: 'Al', UserName: '@alice' });
    await setPinned(ctx, '@alice', true, 'Al');
    expect(last().json).toMatchObject({ CmdId: 3, OP: 1, RemarkName: 'Al', UserName: '@alice' });
    await setPinned(ctx, '@bob', false, '');
    expect(last().json).toMatchObject({ CmdId: 3, OP: 0, RemarkName: '', UserName: '@bob' });
    await expect(setPinned(ctx, '@bob', true, undefined as unknown as string)).rejects.toThrow(/current remark/);
  });

  it('verifyUser: accept is Opcode 3 with the ticket, a request is Opcode 2 with the greeting; SceneList [33] and skey', async () => {
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    await acceptFriendRequest(ctx, { userName: '@stranger', ticket: 'v2_abc@stranger' });
    expect(last().url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxverifyuser');
    expect(last().json).toMatchObject({
      Opcode: 3, VerifyUserListSize: 1, VerifyUserList: [{ Value: '@stranger', VerifyUserTicket: 'v2_abc@stranger' }],
      VerifyContent: '', SceneListCount: 1, SceneList: [33], skey: '@crypt_sk',
    });
    await sendFriendRequest(ctx, { userName: '@member', greeting: 'hi, from the group' });
    expect(last().json).toMatchObject({ Opcode: 2, VerifyUserList: [{ Value: '@member', VerifyUserTicket: '' }], VerifyContent: 'hi, from the group' });
    await expect(acceptFriendRequest(ctx, { userName: '@s', ticket: '' })).rejects.toThrow(/Ticket/);
  });

  it('createChatroom sends MemberCount/MemberList/Topic and treats Ret -2013 as (partial) success', async () => {
    answer = {
      BaseResponse: { Ret: 0, ErrMsg: 'Everything is OK' }, Topic: 'T', ChatRoomName: '@@new', MemberCount: 2,
      MemberList: [{ UserName: '@a', NickName: 'A', MemberStatus: 0 }, { UserName: '@b', NickName: 'B', MemberStatus: 4 }],
    };
    const r = await createChatroom(ctx, ['@a', '@b'], 'T');
    expect(last().json).toMatchObject({ MemberCount: 2, MemberList: [{ UserName: '@a' }, { UserName: '@b' }], Topic: 'T' });
    expect(r).toEqual({ chatRoomName: '@@new', topic: 'T', partial: false, members: [{ userName: '@a', nickName: 'A', memberStatus: 0 }, { userName: '@b', nickName: 'B', memberStatus: 4 }] });
    answer = { BaseResponse: { Ret: -2013, ErrMsg: '' }, ChatRoomName: '@@partial', MemberList: [] };
    expect(await createChatroom(ctx, ['@a', '@b'])).toMatchObject({ chatRoomName: '@@partial', partial: true });
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, ChatRoomName: '' };
    await expect(createChatroom(ctx, ['@a', '@b'])).rejects.toBeInstanceOf(MalformedBodyError);
    answer = { BaseResponse: { Ret: -2013, ErrMsg: '' }, ChatRoomName: '' };
    const partialWithout = await createChatroom(ctx, ['@a', '@b']).catch((e: unknown) => e);
    expect((partialWithout as ServerRetError).ret).toBe(-2013);
    answer = { BaseResponse: { Ret: 1205, ErrMsg: '' } };
    await expect(createChatroom(ctx, ['@a', '@b'])).rejects.toBeInstanceOf(ServerRetError);
    await expect(createChatroom(ctx, ['@a'])).rejects.toThrow(/at least 2/);
  });

  it('updatechatroom: addmember vs invitemember, delmember, modtopic, quitchatroom with comma-separated lists', async () => {
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, MemberCount: 3, MemberList: [{ UserName: '@a', NickName: 'A', MemberStatus: 0 }] };
    const added = await addChatroomMembers(ctx, '@@room', ['@a', '@b'], { invite: false });
    expect(query()).toMatchObject({ fun: 'addmember', pass_ticket: 'pt' });
    expect(last().json).toMatchObject({ ChatRoomName: '@@room', AddMemberList: '@a,@b' });
    expect(last().json).not.toHaveProperty('InviteMemberList');
    expect(added.members).toEqual([{ userName: '@a', nickName: 'A', memberStatus: 0 }]);
    await addChatroomMembers(ctx, '@@room', ['@a', '@b'], { invite: true });
    expect(query()).toMatchObject({ fun: 'invitemember' });
    expect(last().json).toMatchObject({ ChatRoomName: '@@room', InviteMemberList: '@a,@b' });
    expect(last().json).not.toHaveProperty('AddMemberList');
    await removeChatroomMembers(ctx, '@@room', ['@c']);
    expect(query()).toMatchObject({ fun: 'delmember' });
    expect(last().json).toMatchObject({ DelMemberList: '@c' });
    answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    expect(await renameChatroom(ctx, '@@room', '新名字 & co')).toEqual({ members: [] });
    expect(query()).toMatchObject({ fun: 'modtopic' });
    expect(last().json).toMatchObject({ ChatRoomName: '@@room', NewTopic: '新名字 & co' });
    await quitChatroom(ctx, '@@room');
    expect(query()).toMatchObject({ fun: 'quitchatroom' });
    expect(last().json).toMatchObject({ ChatRoomName: '@@room' });
    await expect(addChatroomMembers(ctx, '@alice', ['@a'], { invite: false })).rejects.toThrow(ProtocolError);
    await expect(removeChatroomMembers(ctx, '@@room', [])).rejects.toThrow(/no UserNames/);
  });
});

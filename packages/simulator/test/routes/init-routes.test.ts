import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login } from '../helpers';

describe('webwxinit, webwxstatusnotify and the session they open', () => {
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
});

import { startSimulator, type Simulator } from '../../src';
import { api, call, login, sync, type LoggedIn } from '../helpers';
import { msg } from '../upload-helpers';

describe('webwxrevokemsg and the simulator clock', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 29 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  const alice = () => sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
  const send = async (text: string) => {
    const body = msg(me, alice(), { Type: 1, Content: text });
    const answer = await api(sim, me, 'webwxsendmsg', body);
    return { svrMsgId: answer['MsgID'] as string, clientMsgId: (body['Msg'] as { ClientMsgId: string }).ClientMsgId };
  };

  it('revokes within 2 minutes with the exact texts, records it and syncs a 10002 notice', async () => {
    const { svrMsgId, clientMsgId } = await send('oops');
    sim.advanceClock(119_000);
    const answer = await api(sim, me, 'webwxrevokemsg', { SvrMsgId: svrMsgId, ToUserName: alice(), ClientMsgId: clientMsgId });
    expect(answer).toEqual({
      BaseResponse: { Ret: 0, ErrMsg: '' },
      Introduction: '你可以撤回2分钟内发送的消息（部分旧版本微信不支持这个功能）。',
      SysWording: '已撤回',
    });
    expect(sim.sent()[0]).toMatchObject({ msgId: svrMsgId, revoked: true });
    const list = (await sync(sim, me))['AddMsgList'];
    const notice = list.at(-1);
    expect(notice).toMatchObject({ MsgType: 10002, FromUserName: me.userName, ToUserName: alice(), Status: 4 });
    expect(notice.Content).toContain(`&lt;msgid&gt;${svrMsgId}&lt;/msgid&gt;`);
    expect(notice.Content).toContain('你撤回了一条消息');
    // A second revoke of the same message fails like an expired one.
    expect((await api(sim, me, 'webwxrevokemsg', { SvrMsgId: svrMsgId, ToUserName: alice(), ClientMsgId: clientMsgId }))['BaseResponse'].Ret).toBe(-1);
  });

  it('after 2 minutes: Ret -1 with empty texts (clock advanced via the control API); a fresh ClientMsgId is fine', async () => {
    const { svrMsgId } = await send('late');
    const clock = await call(sim, `127.0.0.1:${sim.port}`, '/__sim/clock', { body: JSON.stringify({ advanceMs: 120_001 }) });
    expect(JSON.parse(clock.text).now).toBeGreaterThan(Date.now() + 100_000);
    const answer = await api(sim, me, 'webwxrevokemsg', { SvrMsgId: svrMsgId, ToUserName: alice(), ClientMsgId: String(Date.now()) });
    expect(answer).toEqual({ BaseResponse: { Ret: -1, ErrMsg: '' }, Introduction: '', SysWording: '' });
    expect(sim.sent()[0]?.revoked).toBeUndefined();
    const fresh = await send('fresh');
    expect((await api(sim, me, 'webwxrevokemsg', { SvrMsgId: fresh.svrMsgId, ToUserName: alice(), ClientMsgId: '1' }))['BaseResponse'].Ret).toBe(0);
  });

  it('an unknown SvrMsgId or a missing ClientMsgId is a parameter error', async () => {
    const { svrMsgId } = await send('x');
    expect((await api(sim, me, 'webwxrevokemsg', { SvrMsgId: '1', ToUserName: alice(), ClientMsgId: '1' }))['BaseResponse'].Ret).toBe(1);
    expect((await api(sim, me, 'webwxrevokemsg', { SvrMsgId: svrMsgId, ToUserName: alice() }))['BaseResponse'].Ret).toBe(1);
  });

  it('an injected time source drives the window', async () => {
    let now = 1_700_000_000_000;
    const timed = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 30, now: () => now });
    try {
      const who = await login(timed);
      const to = timed.state().friends[0]?.userName ?? '';
      const sent = await api(timed, who, 'webwxsendmsg', msg(who, to, { Type: 1, Content: 'hi' }));
      expect(timed.sent()[0]?.at).toBe(now);
      now += 3 * 60_000;
      expect((await api(timed, who, 'webwxrevokemsg', { SvrMsgId: sent['MsgID'], ToUserName: to, ClientMsgId: '1' }))['BaseResponse'].Ret).toBe(-1);
    } finally {
      await timed.close();
    }
  });
});

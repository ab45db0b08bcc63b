import { startSimulator, type Simulator } from '../src';
import { LOGIN_HOST, MAIN_HOST, MM, api, call, getUuid, login, poll, selector, sync, synccheck } from './helpers';

describe('fault injection', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 5 });
  });
  afterEach(() => sim.close());

  it('reset destroys the socket, once by default', async () => {
    sim.faults.add({ kind: 'jslogin', type: 'reset' });
    await expect(getUuid(sim)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(getUuid(sim)).resolves.toMatch(/==$/);
  });

  it('reset with ms drops a long poll midway', async () => {
    const me = await login(sim);
    sim.faults.add({ kind: 'synccheck', type: 'reset', ms: 30 });
    await expect(synccheck(sim, me)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('lose-response carries the send out, then drops the answer; a repeat with the same ClientMsgId is stored again', async () => {
    const me = await login(sim);
    const to = sim.state().friends[0]!.userName;
    const msg = { Type: 1, Content: 'once?', FromUserName: me.userName, ToUserName: to, LocalID: '17000000000001234', ClientMsgId: '17000000000001234' };
    sim.faults.add({ kind: 'sendmsg', type: 'lose-response', ms: 20 });
    await expect(api(sim, me, 'webwxsendmsg', { Msg: msg })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sim.sent().map((s) => s.content)).toEqual(['once?']);
    // The echo is in the account's sync log like any accepted send.
    const res = await sync(sim, me);
    expect((res['AddMsgList'] as Array<{ Content: string; FromUserName: string }>).filter((m) => m.FromUserName === me.userName).map((m) => m.Content)).toEqual(['once?']);
    const again = await api(sim, me, 'webwxsendmsg', { Msg: msg });
    expect(again['BaseResponse'].Ret).toBe(0);
    expect(sim.sent().map((s) => [s.content, s.clientMsgId])).toEqual([
      ['once?', '17000000000001234'],
      ['once?', '17000000000001234'],
    ]);
  });

  it('delay postpones the answer', async () => {
    sim.faults.add({ kind: 'jslogin', type: 'delay', ms: 80 });
    const t0 = Date.now();
    await getUuid(sim);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
  });

  it('http answers a 5xx error page; times limits the occurrences', async () => {
    sim.faults.add({ kind: ['jslogin', 'qrcode'], type: 'http', status: 502, times: 2 });
    const first = await call(sim, LOGIN_HOST, '/jslogin?appid=x');
    expect(first.status).toBe(502);
    expect(first.text).toContain('<h1>502 Bad Gateway</h1>');
    expect((await call(sim, LOGIN_HOST, '/jslogin?appid=x')).status).toBe(502);
    expect((await call(sim, LOGIN_HOST, '/jslogin?appid=x')).status).toBe(200);
  });

  it('garbage and truncate corrupt JSON bodies', async () => {
    const me = await login(sim);
    sim.faults.add({ kind: 'init', type: 'garbage' });
    sim.faults.add({ kind: 'init', type: 'truncate' });
    const init = () => call(sim, MAIN_HOST, `${MM}/webwxinit`, { body: JSON.stringify({ BaseRequest: me.baseRequest }), cookies: me.cookies }).then((r) => r.text);
    const garbage = await init();
    expect(() => JSON.parse(garbage)).toThrow();
    const truncated = await init();
    expect(truncated.startsWith('{\n    "BaseResponse"')).toBe(true);
    expect(() => JSON.parse(truncated)).toThrow();
    expect(JSON.parse(await init()).BaseResponse.Ret).toBe(0);
  });

  it('ret sets BaseResponse.Ret and keeps the realistic shape (send 1205)', async () => {
    const me = await login(sim);
    sim.faults.add({ kind: 'sendmsg', type: 'ret', ret: 1205 });
    const json = await api(sim, me, 'webwxsendmsg', { Msg: { Type: 1, Content: 'x', FromUserName: me.userName, ToUserName: 'filehelper', LocalID: '1', ClientMsgId: '1' }, Scene: 0 });
    expect(json).toEqual({ BaseResponse: { Ret: 1205, ErrMsg: '' }, MsgID: '', LocalID: '' });
    expect(sim.sent()).toHaveLength(0);
    sim.faults.add({ kind: 'sync', type: 'ret', ret: -1 });
    const syncJson = await api(sim, me, 'webwxsync', { SyncKey: me.syncKey });
    expect(syncJson['BaseResponse'].Ret).toBe(-1);
    expect(syncJson['AddMsgList']).toEqual([]);
  });

  it('login-code forces the login poll answer', async () => {
    const uuid = await getUuid(sim);
    for (const code of [500, 202, 400]) {
      sim.faults.add({ kind: 'login', type: 'login-code', code });
      expect((await poll(sim, uuid)).text).toBe(`window.code=${code};`);
    }
  });

  it('ticket-ret forces ret 1203 at newloginpage', async () => {
    sim.faults.add({ kind: 'newloginpage', type: 'ticket-ret' });
    const uuid = await getUuid(sim);
    sim.confirm();
    await poll(sim, uuid);
    const redirect = new URL(/redirect_uri="([^"]+)"/.exec((await poll(sim, uuid)).text)?.[1] ?? '');
    const reply = await call(sim, redirect.host, `${redirect.pathname}${redirect.search}&fun=new&version=v2`);
    expect(reply.text).toMatch(/^<error><ret>1203<\/ret><message>为了你的帐号安全/);
  });

  it('logout forces a retcode on synccheck and Ret on JSON APIs for one request', async () => {
    const me = await login(sim);
    sim.faults.add({ kind: ['synccheck', 'getcontact'], type: 'logout', retcode: 1101, times: 2 });
    expect(selector(await synccheck(sim, me))).toBe('1101/0');
    const contacts = await call(sim, MAIN_HOST, `${MM}/webwxgetcontact?seq=0`, { cookies: me.cookies });
    expect(JSON.parse(contacts.text).BaseResponse.Ret).toBe(1101);
    expect(selector(await synccheck(sim, me))).toBe('0/0');
  });

  it('always keeps a fault until cleared; bad specs are rejected with the allowed values', async () => {
    sim.faults.add({ kind: '*', type: 'http', times: 'always' });
    expect((await call(sim, LOGIN_HOST, '/jslogin')).status).toBe(503);
    expect((await call(sim, MAIN_HOST, '/')).status).toBe(503);
    sim.faults.clear();
    expect((await call(sim, LOGIN_HOST, '/jslogin')).status).toBe(200);
    expect(() => sim.faults.add({ kind: 'nope' as never, type: 'reset' })).toThrow(/known: jslogin, qrcode/);
    expect(() => sim.faults.add({ kind: 'init', type: 'boom' as never })).toThrow(/known: reset, delay/);
  });
});

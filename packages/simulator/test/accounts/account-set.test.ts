import { startSimulator, type Simulator } from '../../src';
import { LOGIN_HOST, MAIN_HOST, MM, call, getUuid, login, poll, selector, sync, synccheck } from '../helpers';

/** `login` of helpers.ts, with the phone of `account` (or the auto-chosen one when undefined). */
const loginAs = (sim: Simulator, account?: string) => login(account === undefined ? sim : { ...sim, confirm: sim.account(account).confirm });

describe('a simulator with many accounts', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ accounts: 3, loginPollMs: 200, longPollMs: 200, seed: 5 });
  });
  afterEach(() => sim.close());

  const control = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    call(sim, `127.0.0.1:${sim.port}`, `/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('gives each account its own uin, self, wxids and groups, with the same nicknames', () => {
    expect(sim.accounts()).toEqual(['account-1', 'account-2', 'account-3']);
    const [a, b] = [sim.state(), sim.account('account-2').state()];
    expect(sim.account('account-2').uin).toBe(176666156);
    expect(b.self).toMatchObject({ nickName: 'wxbot 2', wxid: 'wxid_wxbot0self_2' });
    expect(b.friends.map((f) => f.nickName)).toEqual(a.friends.map((f) => f.nickName));
    expect(b.friends.map((f) => f.wxid)).toEqual(a.friends.map((f) => `${f.wxid}_2`));
    expect(b.groups.map((g) => [g.topic, g.wxid])).toEqual([['Family', '9028097932@chatroom'], ['Dev Team', '29140593772@chatroom']]);
    // Group members named by nickname in the scenario keep their own account's wxids.
    expect(b.groups[0]?.members.map((m) => m.wxid)).toContain('wxid_alice01_2');
  });

  it('logs a named account in from the control API and keeps sessions, messages and sends apart', async () => {
    const uuid = await getUuid(sim);
    expect((await control('confirm?account=account-3', {})).status).toBe(200);
    expect((await poll(sim, uuid)).text).toMatch(/^window\.code=201;/);
    const redirect = /redirect_uri="([^"]+)"/.exec((await poll(sim, uuid)).text)?.[1] ?? '';
    const page = await call(sim, MAIN_HOST, `${new URL(redirect).pathname}${new URL(redirect).search}&fun=new&version=v2`);
    expect(page.text).toContain(`<wxuin>${sim.account('account-3').uin}</wxuin>`);
    expect(sim.state().session).toBeUndefined();

    const second = await loginAs(sim, 'account-2');
    expect(Number(second.uin)).toBe(sim.account('account-2').uin);
    const injected = await control('messages?account=account-2', { from: 'Alice', text: 'to two' });
    expect(injected.status).toBe(200);
    const batch = await sync(sim, second);
    expect(batch['AddMsgList'].map((m: { Content: string }) => m.Content)).toEqual(['to two']);
    const accounts = JSON.parse((await control('accounts')).text) as Array<{ name: string; session: string }>;
    expect(accounts.map((a) => `${a.name}:${a.session}`)).toEqual(['account-1:none', 'account-2:live', 'account-3:live']);

    // The other session of the same simulator sees nothing of it, and sends are recorded per account.
    await call(sim, MAIN_HOST, `${MM}/webwxsendmsg?pass_ticket=${second.passTicket}`, {
      cookies: second.cookies,
      body: JSON.stringify({ BaseRequest: second.baseRequest, Msg: { Type: 1, Content: 'hi', FromUserName: second.userName, ToUserName: 'filehelper', LocalID: '1', ClientMsgId: '1' } }),
    });
    expect(sim.account('account-2').sent().map((s) => s.content)).toEqual(['hi']);
    expect(sim.account('account-3').sent()).toEqual([]);
    expect(JSON.parse((await control('sent?account=account-2')).text)).toHaveLength(1);
  });

  it('gives clients that confirm without naming an account the free accounts in order', async () => {
    const first = await loginAs(sim);
    const second = await loginAs(sim);
    const third = await loginAs(sim);
    expect([first.uin, second.uin, third.uin].map(Number)).toEqual(sim.accounts().map((n) => sim.account(n).uin));
    // Faults and forced logouts act on the account named, not on its neighbours.
    await control('logout?account=account-2', { retcode: 1101 });
    expect(selector(await synccheck(sim, second))).toBe('1101/0');
    expect(selector(await synccheck(sim, first))).toBe('0/0');
  });

  it('push login asks the phone of the account whose cookies the client holds', async () => {
    const me = await loginAs(sim, 'account-2');
    const pushed = await call(sim, MAIN_HOST, `${MM}/webwxpushloginurl?uin=${me.uin}`, { cookies: me.cookies });
    const { ret, uuid } = JSON.parse(pushed.text) as { ret: string; uuid: string };
    expect(ret).toBe('0');
    // A phone-side confirm that names no account cannot move a pushed uuid to another account.
    sim.confirm();
    await poll(sim, uuid);
    const redirect = /redirect_uri="([^"]+)"/.exec((await poll(sim, uuid)).text)?.[1] ?? '';
    const page = await call(sim, MAIN_HOST, `${new URL(redirect).pathname}${new URL(redirect).search}&fun=new&version=v2`);
    expect(page.text).toContain(`<wxuin>${me.uin}</wxuin>`);
  });

  it('answers a control call for an unknown account with a 404 naming the accounts', async () => {
    const reply = await control('state?account=nobody');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text).error).toMatch(/unknown account "nobody"; accounts: account-1, account-2, account-3/);
    expect(() => sim.account('nobody')).toThrow(/unknown account/);
  });

  it('lets the auto-confirming phone log N waiting clients into N accounts', async () => {
    await sim.close();
    sim = await startSimulator({ accounts: 2, autoConfirm: true, autoConfirmDelayMs: 1, loginPollMs: 500 });
    const uuids = await Promise.all([getUuid(sim), getUuid(sim)]);
    const uins = await Promise.all(
      uuids.map(async (uuid) => {
        let text = '';
        while (!text.startsWith('window.code=200')) text = (await poll(sim, uuid)).text;
        const url = new URL(/redirect_uri="([^"]+)"/.exec(text)?.[1] ?? '');
        return /<wxuin>(\d+)</.exec((await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2`)).text)?.[1];
      }),
    );
    expect(uins.map(Number).sort()).toEqual([sim.uin, sim.account('account-2').uin].sort());
  });
});

describe('a one-account simulator', () => {
  it('names its account and lists it, the rest unchanged', async () => {
    const sim = await startSimulator({ loginPollMs: 200, seed: 5 });
    try {
      expect(sim.accounts()).toEqual(['account-1']);
      const reply = await call(sim, LOGIN_HOST, '/__sim/accounts');
      expect(JSON.parse(reply.text)).toEqual([{ name: 'account-1', uin: 176666155, nickName: 'wxbot', session: 'none' }]);
      await expect(startSimulator({ accounts: [{ name: 'a b' }] })).rejects.toThrow(/account name "a b"/);
    } finally {
      await sim.close();
    }
  });
});

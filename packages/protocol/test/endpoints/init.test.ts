import { startSimulator, type Simulator } from '@wxbot/simulator';
import { createWebwxHttp, fetchLoginTicket, MalformedBodyError, pollLogin, requestLoginUuid, ServerRetError, statusNotify, syncCheck, webwxInit, type SessionContext } from '@wxbot/protocol';

describe('webwxinit and webwxstatusnotify against the simulator', () => {
  let sim: Simulator;
  let ctx: SessionContext;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 200 });
    const http = createWebwxHttp({ endpoint: sim.url });
    const uuid = await requestLoginUuid(http);
    sim.confirm();
    let poll = await pollLogin(http, uuid, { tip: 1 });
    while (poll.code !== 200) poll = await pollLogin(http, uuid);
    const { ticket, hosts } = await fetchLoginTicket(http, poll.redirectUri ?? '');
    ctx = { http, hosts, credentials: { ...ticket } };
  });
  afterAll(async () => {
    ctx.http.close();
    await sim.close();
  });

  it('reads self, the contacts of recent chats and the first SyncKey', async () => {
    const init = await webwxInit(ctx);
    expect(init.User.UserName).toMatch(/^@[0-9a-f]+$/);
    expect(init.User.NickName).toBe(sim.state().self.nickName);
    expect(Array.isArray(init.ContactList)).toBe(true);
    expect(init.SyncKey.List.map((k) => k.Key)).toEqual([1, 2, 3, 1000]);
  });

  it('statusnotify Code 3 opens the conversation list: the next synccheck has something', async () => {
    const init = await webwxInit(ctx);
    const res = await statusNotify(ctx, { from: init.User.UserName, to: init.User.UserName });
    expect(res.BaseResponse.Ret).toBe(0);
    expect(await syncCheck(ctx, init.SyncKey)).not.toBe(0);
  });

  it('turns a session the server ended into a session-ended ServerRetError, and a garbage body into MalformedBodyError', async () => {
    sim.faults.add({ kind: 'init', type: 'garbage' });
    await expect(webwxInit(ctx)).rejects.toBeInstanceOf(MalformedBodyError);
    const stale: SessionContext = { ...ctx, credentials: { ...ctx.credentials, sid: 'not-the-sid' } };
    const err = await webwxInit(stale).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    expect((err as ServerRetError).sessionEnded).toBe(true);
  });
});

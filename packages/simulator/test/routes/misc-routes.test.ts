import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, api, call, login } from '../helpers';

describe('push login and logout', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 3 });
  });
  afterEach(() => sim.close());

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

import zlib from 'node:zlib';
import { startSimulator, type Simulator } from '../src';
import { LOGIN_HOST, MAIN_HOST, MM, api, call, getUuid, login, type LoggedIn } from './helpers';

const FILE_HOST = 'file.wx2.qq.com';

describe('router', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100 });
    me = await login(sim);
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  const initBody = (): string => JSON.stringify({ BaseRequest: me.baseRequest });

  it('answers an unknown path with the nginx 404 page', async () => {
    const r = await call(sim, MAIN_HOST, `${MM}/webwxnothing`);
    expect(r.status).toBe(404);
    expect(r.text).toContain('<title>404 Not Found</title>');
  });

  it('serves each path only on its host family: login on LOGIN, uploads on FILE, APIs on MAIN', async () => {
    expect((await call(sim, MAIN_HOST, '/jslogin?appid=wx782c26e4c19acffb&fun=new')).status).toBe(404);
    expect((await call(sim, LOGIN_HOST, `${MM}/webwxinit?r=1`, { body: initBody(), cookies: me.cookies })).status).toBe(404);
    expect((await call(sim, MAIN_HOST, `${MM}/webwxuploadmedia?f=json`, { method: 'POST', body: Buffer.alloc(0) })).status).toBe(404);
    expect((await call(sim, MAIN_HOST, `${MM}/webwxgetmedia?mediaid=x`, { cookies: me.cookies })).status).toBe(404);
    expect((await call(sim, FILE_HOST, `${MM}/webwxinit?r=1`, { body: initBody(), cookies: me.cookies })).status).toBe(404);
    const uuid = await getUuid(sim);
    const qr = await call(sim, LOGIN_HOST, `/qrcode/${uuid}`);
    expect(qr.status).toBe(200);
    expect(qr.headers['content-type']).toBe('image/jpeg');
    expect((await call(sim, MAIN_HOST, `/qrcode/${uuid}`)).status).toBe(404);
  });

  it('answers synccheck on any webwx host (a wrong one gets retcode 1100, not a 404), and every route on a local host', async () => {
    const wrongHost = await call(sim, MAIN_HOST, `${MM}/synccheck?r=1&skey=${encodeURIComponent(me.skey)}&sid=${me.sid}&uin=${me.uin}&deviceid=e1&synckey=1_1&_=1`, { cookies: me.cookies });
    expect(wrongHost.status).toBe(200);
    expect(wrongHost.text).toMatch(/retcode:"1100"/);
    const local = await call(sim, `127.0.0.1:${sim.port}`, '/jslogin?appid=wx782c26e4c19acffb&fun=new');
    expect(local.text).toMatch(/^window\.QRLogin\.code = 200;/);
  });

  it('compresses JSON for a client that accepts it, with Content-Length of the bytes sent', async () => {
    const r = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=1&pass_ticket=${me.passTicket}`, { body: initBody(), cookies: me.cookies, headers: { 'Accept-Encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(JSON.parse(zlib.gunzipSync(r.body).toString('utf8')).BaseResponse.Ret).toBe(0);
    const plain = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=1&pass_ticket=${me.passTicket}`, { body: initBody(), cookies: me.cookies });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text).BaseResponse.Ret).toBe(0);
  });

  it('applies an armed fault to its request kind only: http status, truncate (sent uncompressed), ret', async () => {
    sim.faults.add({ kind: 'init', type: 'http', status: 502 });
    const gateway = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=1`, { body: initBody(), cookies: me.cookies });
    expect(gateway.status).toBe(502);
    expect(gateway.text).toContain('502 Bad Gateway');
    sim.faults.add({ kind: 'init', type: 'truncate' });
    const statusNotify = await api(sim, me, 'webwxstatusnotify', { Code: 3, FromUserName: me.userName, ToUserName: me.userName, ClientMsgId: Date.now() });
    expect(statusNotify.BaseResponse.Ret).toBe(0);
    const cut = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=1`, { body: initBody(), cookies: me.cookies, headers: { 'Accept-Encoding': 'gzip' } });
    expect(cut.headers['content-encoding']).toBeUndefined();
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(cut.text.startsWith('{\n    "BaseResponse": {"Ret": 0')).toBe(true);
    sim.faults.add({ kind: 'init', type: 'ret', ret: 1101 });
    const ended = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=1`, { body: initBody(), cookies: me.cookies });
    expect(JSON.parse(ended.text).BaseResponse.Ret).toBe(1101);
  });

  it('routes /__sim/ to the control API on any host', async () => {
    for (const host of ['127.0.0.1', MAIN_HOST]) {
      const r = await call(sim, host, '/__sim/state');
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toHaveProperty('friends');
    }
  });
});

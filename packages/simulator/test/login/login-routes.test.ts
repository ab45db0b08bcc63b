import { startSimulator, type Simulator } from '../../src';
import { LOGIN_HOST, MAIN_HOST, MM, call, cookiesOf, getUuid, poll, redirectFor } from '../helpers';

// What the desktop (UOS) client sends on webwxnewloginpage (protocol.md 12.3); the simulator
// checks that they are there, not their value.

describe('login flow', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 7 });
  });
  afterEach(() => sim.close());

  it('serves jslogin with both content types and a uuid', async () => {
    const reply = await call(sim, LOGIN_HOST, '/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&_=1');
    expect(reply.text).toMatch(/^window\.QRLogin\.code = 200; window\.QRLogin\.uuid = "[A-Za-z0-9]{10}==";$/);
    const types = reply.rawHeaders.filter((_, i) => i % 2 === 0 && reply.rawHeaders[i]?.toLowerCase() === 'content-type').length;
    expect(types).toBe(2);
    expect(reply.rawHeaders).toContain('text/html; charset=gbk');
  });

  it('serves the QR image from login.weixin.qq.com', async () => {
    const uuid = await getUuid(sim);
    const reply = await call(sim, 'login.weixin.qq.com', `/qrcode/${uuid}`);
    expect(reply.headers['content-type']).toBe('image/jpeg');
    expect(reply.body.subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('holds the poll then answers 408, then 201 on scan and 200 with redirect_uri on confirm', async () => {
    const uuid = await getUuid(sim);
    const waiting = await poll(sim, uuid);
    expect(waiting.text).toBe('window.code=408;');
    expect(waiting.headers['content-type']).toBe('text/javascript');

    const pending = poll(sim, uuid);
    setTimeout(() => sim.scan(), 20);
    expect((await pending).text).toMatch(/^window\.code=201;window\.userAvatar = 'data:img\/jpg;base64,[^']+';$/);

    const confirmed = poll(sim, uuid);
    setTimeout(() => sim.confirm(), 20);
    const text = (await confirmed).text;
    expect(text).toMatch(
      new RegExp(`^window\\.code=200;\\nwindow\\.redirect_uri="https://wx2\\.qq\\.com/cgi-bin/mmwebwx-bin/webwxnewloginpage\\?ticket=[\\w-]+@qrticket_0&uuid=${uuid.replace(/=/g, '=')}&lang=zh_CN&scan=\\d{10}";$`),
    );
  });

  it('answers 400 for unknown or expired uuids and 202 on cancel', async () => {
    expect((await poll(sim, 'nope==')).text).toBe('window.code=400;');
    const uuid = await getUuid(sim);
    sim.cancel();
    expect((await poll(sim, uuid)).text).toBe('window.code=202;');
    const short = await startSimulator({ uuidTtlMs: 1, loginPollMs: 100 });
    try {
      const old = await getUuid(short);
      await new Promise((r) => setTimeout(r, 10));
      expect((await poll(short, old)).text).toBe('window.code=400;');
    } finally {
      await short.close();
    }
  });

  it('auto-confirms shortly after the first poll', async () => {
    const auto = await startSimulator({ autoConfirm: true, autoConfirmDelayMs: 5, loginPollMs: 2000 });
    try {
      const uuid = await getUuid(auto);
      expect((await poll(auto, uuid)).text).toMatch(/^window\.code=201;/);
      expect((await poll(auto, uuid)).text).toMatch(/^window\.code=200;/);
    } finally {
      await auto.close();
    }
  });

  it('points redirect_uri at the configured MAIN host', async () => {
    const wechat = await startSimulator({ mainHost: 'web.wechat.com' });
    try {
      const url = await redirectFor(wechat);
      expect(url.host).toBe('web.wechat.com');
      const reply = await call(wechat, url.host, `${url.pathname}${url.search}&fun=new&version=v2`);
      expect((reply.headers['set-cookie'] ?? []).find((l) => l.startsWith('webwx_data_ticket='))).toContain('Domain=.wechat.com');
      expect(wechat.state().hosts.push).toBe('webpush.web.wechat.com');
    } finally {
      await wechat.close();
    }
  });

  it('serves GET / with MMCgi.isLogin', async () => {
    const out = await call(sim, MAIN_HOST, '/');
    expect(out.text).toContain('window.MMCgi = { isLogin: !!"" }');
    const url = await redirectFor(sim);
    const page = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2`);
    const cookies = cookiesOf(page);
    const inside = await call(sim, MAIN_HOST, '/', { cookies });
    expect(inside.text).toContain('window.MMCgi = { isLogin: !!"1" }');
    expect((await call(sim, MAIN_HOST, `${MM}/nothing-here`)).status).toBe(404);
  });
});

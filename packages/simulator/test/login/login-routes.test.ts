import { startSimulator, type Simulator } from '../../src';
import { LOGIN_HOST, MAIN_HOST, MM, call, cookiesOf, getUuid, poll } from '../helpers';

// What the desktop (UOS) client sends on webwxnewloginpage (protocol.md 12.3); the simulator
// checks that they are there, not their value.
const DESKTOP_HEADERS = { 'client-version': '2.0.0', extspam: 'Go8FCIkFEokFCggwMDAwMDAwMRAG-test' };

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

  async function redirectFor(target: Simulator, jsloginRedirect = ''): Promise<URL> {
    const uuid = await getUuid(target, jsloginRedirect);
    target.confirm();
    await poll(target, uuid);
    const text = (await poll(target, uuid)).text;
    return new URL(/redirect_uri="([^"]+)"/.exec(text)?.[1] ?? '');
  }

  it('answers newloginpage with the credential XML and realistic cookies; tickets are single use', async () => {
    const url = await redirectFor(sim);
    const path = `${url.pathname}${url.search}&fun=new&version=v2`;
    const reply = await call(sim, url.host, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain;charset=utf-8');
    expect(reply.text).toMatch(
      /^<error><ret>0<\/ret><message><\/message><skey>@crypt_[0-9a-f]{8}_[0-9a-f]{32}<\/skey><wxsid>[^<]+<\/wxsid><wxuin>176666155<\/wxuin><pass_ticket>[^<]+<\/pass_ticket><isgrayscale>1<\/isgrayscale><\/error>$/,
    );
    const lines = reply.headers['set-cookie'] ?? [];
    const line = (name: string) => lines.find((l) => l.startsWith(`${name}=`)) ?? '';
    for (const name of ['wxuin', 'wxsid', 'wxloadtime', 'mm_lang', 'webwxuvid', 'webwx_auth_ticket']) {
      expect(line(name)).toMatch(/; Domain=wx2\.qq\.com; Path=\/; Expires=\w{3}, \d{2}-\w{3}-\d{4} \d{2}:\d{2}:\d{2} GMT; Secure$/);
    }
    expect(line('webwx_data_ticket')).toContain('; Domain=.qq.com; Path=/;');
    const authYear = Number(/Expires=\w{3}, \d{2}-\w{3}-(\d{4})/.exec(line('webwx_auth_ticket'))?.[1]);
    expect(authYear).toBeGreaterThanOrEqual(new Date().getFullYear() + 9);
    expect(cookiesOf(reply)['wxuin']).toBe('176666155');

    const again = await call(sim, url.host, path);
    expect(again.text).toMatch(/^<error><ret>-14<\/ret>/);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('answers desktop (mod=desktop) logins with a 301 carrying the XML and cookies', async () => {
    const url = await redirectFor(sim, 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop');
    const reply = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2&mod=desktop`, { headers: DESKTOP_HEADERS });
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBeUndefined();
    expect(reply.text).toContain('<ret>0</ret>');
    expect(cookiesOf(reply)['wxsid']).toBeTruthy();
  });

  it.each([
    ['neither header', {}],
    ['no extspam', { 'client-version': '2.0.0' }],
    ['no client-version', { extspam: DESKTOP_HEADERS.extspam }],
    ['an empty extspam', { ...DESKTOP_HEADERS, extspam: '' }],
  ])('refuses a desktop (mod=desktop) login with %s with ret 1203 and no credentials, as the real server does', async (_case, headers) => {
    const url = await redirectFor(sim, 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop');
    const reply = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2&mod=desktop`, { headers });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('<error><ret>1203</ret><message>为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。</message></error>');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('a web (non-desktop) login needs neither header', async () => {
    const url = await redirectFor(sim);
    const reply = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<ret>0</ret>');
  });

  it('refuses blocked accounts with 1203 unless desktop-capable and in desktop mode', async () => {
    const blocked = await startSimulator({ scenario: { self: { nickName: 'x', webLoginBlocked: true, desktopCapable: true }, friends: [] } });
    try {
      const web = await redirectFor(blocked);
      const refused = await call(blocked, web.host, `${web.pathname}${web.search}&fun=new&version=v2`);
      expect(refused.text).toBe('<error><ret>1203</ret><message>为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。</message></error>');
      const desk = await redirectFor(blocked, 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop');
      const ok = await call(blocked, desk.host, `${desk.pathname}${desk.search}&fun=new&version=v2&mod=desktop`, { headers: DESKTOP_HEADERS });
      expect(ok.status).toBe(301);
      expect(ok.text).toContain('<ret>0</ret>');
    } finally {
      await blocked.close();
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

import { startSimulator, type Simulator } from '../../src';
import { call, cookiesOf, redirectFor } from '../helpers';

// What the desktop (UOS) client sends on webwxnewloginpage (protocol.md 12.3); the simulator
// checks that they are there, not their value.
const DESKTOP_HEADERS = { 'client-version': '2.0.0', extspam: 'Go8FCIkFEokFCggwMDAwMDAwMRAG-test' };

describe('webwxnewloginpage', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 7 });
  });
  afterEach(() => sim.close());

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
});

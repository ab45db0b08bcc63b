import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, call, login, redirectFor, type LoggedIn } from '../helpers';

type Line = { name: string; value: string; domain: string; hours: number; secure: boolean };

/** The Set-Cookie lines of a reply, with each lifetime in whole hours from now. */
function parse(lines: string[] | undefined): Line[] {
  return (lines ?? []).map((line) => {
    const [pair = '', ...attrs] = line.split('; ');
    const attr = (k: string): string => attrs.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1) ?? '';
    const expires = Date.parse(attr('Expires').replace(/-/g, ' '));
    return { name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), domain: attr('Domain'), hours: Math.round((expires - Date.now()) / 3_600_000), secure: attrs.includes('Secure') };
  });
}

describe('session cookies', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100 });
  });
  afterAll(() => sim.close());

  it('a login sets the session cookies on MAIN for 12 h, the data ticket on the parent domain, the device cookies for 10 years', async () => {
    const url = await redirectFor(sim);
    const page = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2`);
    const lines = parse(page.headers['set-cookie']);
    const tenYears = Math.round((10 * 365 * 24 * 3_600_000) / 3_600_000);
    expect(lines.map(({ name, domain, hours, secure }) => [name, domain, hours, secure])).toEqual([
      ['wxuin', MAIN_HOST, 12, true],
      ['wxsid', MAIN_HOST, 12, true],
      ['wxloadtime', MAIN_HOST, 12, true],
      ['mm_lang', MAIN_HOST, 12, true],
      ['webwx_data_ticket', '.qq.com', 12, true],
      ['webwxuvid', MAIN_HOST, tenYears, true],
      ['webwx_auth_ticket', MAIN_HOST, tenYears, true],
    ]);
    const value = (n: string): string => lines.find((l) => l.name === n)?.value ?? '';
    expect(value('wxuin')).toBe(/<wxuin>(\d+)<\/wxuin>/.exec(page.text)?.[1]);
    expect(value('wxsid')).toBe(/<wxsid>([^<]+)<\/wxsid>/.exec(page.text)?.[1]);
    expect(value('mm_lang')).toBe('zh_CN');
  });

  it('every webwxsync refreshes them: wxloadtime marked _expired, wxpluginkey, wxuin for 3 days', async () => {
    const me: LoggedIn = await login(sim);
    const reply = await call(sim, MAIN_HOST, `${MM}/webwxsync?sid=${me.sid}&skey=${me.skey}&lang=zh_CN&pass_ticket=${me.passTicket}`, {
      body: JSON.stringify({ BaseRequest: me.baseRequest, SyncKey: me.syncKey, rr: -1 }),
      cookies: me.cookies,
    });
    const lines = parse(reply.headers['set-cookie']);
    expect(lines.map(({ name, domain, hours }) => [name, domain, hours])).toEqual([
      ['wxloadtime', MAIN_HOST, 12],
      ['wxpluginkey', MAIN_HOST, 12],
      ['wxuin', MAIN_HOST, 72],
      ['wxsid', MAIN_HOST, 12],
      ['webwx_data_ticket', '.qq.com', 12],
    ]);
    expect(lines[0]?.value).toMatch(/^\d+_expired$/);
    expect(lines[1]?.value).toMatch(/^\d+$/);
    expect(lines[2]?.value).toBe(me.uin);
    expect(lines[3]?.value).toBe(me.sid);
  });
});

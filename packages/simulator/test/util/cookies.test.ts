import { cookieDate, HOUR_MS, parentDomain, parseCookies, setCookie } from '../../src/util/cookies';

describe('simulator cookies', () => {
  it('parses a Cookie header: the first value of a name wins, values keep their = signs, junk is skipped', () => {
    const c = parseCookies(' wxuin=176666155; wxsid=ab=c; junk; =x; wxuin=2; webwx_data_ticket=gSd+t/k= ');
    expect([...c]).toEqual([
      ['wxuin', '176666155'],
      ['wxsid', 'ab=c'],
      ['webwx_data_ticket', 'gSd+t/k='],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('writes Set-Cookie lines as the real server does (Netscape dates, Domain, Path=/, Secure)', () => {
    const now = Date.UTC(2026, 0, 4, 5, 6, 7);
    expect(cookieDate(now)).toBe('Sun, 04-Jan-2026 05:06:07 GMT');
    expect(setCookie('wxsid', 'abc', 'wx2.qq.com', 12 * HOUR_MS, now)).toBe('wxsid=abc; Domain=wx2.qq.com; Path=/; Expires=Sun, 04-Jan-2026 17:06:07 GMT; Secure');
  });

  it('scopes shared cookies to the registrable parent domain', () => {
    expect(parentDomain('wx2.qq.com')).toBe('.qq.com');
    expect(parentDomain('web.wechat.com')).toBe('.wechat.com');
  });
});

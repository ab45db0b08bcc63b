import {
  AbortedError,
  HttpStatusError,
  LoginRefusedError,
  MalformedBodyError,
  MissingCookieError,
  NetworkError,
  ProtocolError,
  ProxyConfigError,
  PushLoginRefusedError,
  RevokeExpiredError,
  ServerRetError,
  UploadFailedError,
} from '@wxbot/protocol';

// Callers branch on `code` (stable, listed in docs/errors.md) and on the typed fields; the
// message is for people: it names the endpoint, what the server said and what to do.
describe('protocol errors', () => {
  it.each([
    [new MalformedBodyError('webwxinit', 'not JSON', '<html>'), 'WEBWX_MALFORMED_BODY', 'MalformedBodyError', 'webwxinit'],
    [new ServerRetError('webwxsendmsg', 1), 'WEBWX_RET', 'ServerRetError', 'webwxsendmsg'],
    [new LoginRefusedError(1203, 'no'), 'WEBWX_LOGIN_REFUSED', 'LoginRefusedError', 'webwxnewloginpage'],
    [new PushLoginRefusedError('1', 'args error', 'scan instead'), 'WEBWX_PUSH_LOGIN_REFUSED', 'PushLoginRefusedError', 'webwxpushloginurl'],
    [new HttpStatusError('synccheck', 404), 'WEBWX_HTTP_STATUS', 'HttpStatusError', 'synccheck'],
    [new NetworkError('webwxsync', 'socket hang up', 'ECONNRESET', false, new Error('x')), 'WEBWX_NETWORK', 'NetworkError', 'webwxsync'],
    [new AbortedError('synccheck'), 'WEBWX_ABORTED', 'AbortedError', 'synccheck'],
    [new UploadFailedError('webwxuploadmedia', 'empty MediaId'), 'WEBWX_UPLOAD_FAILED', 'UploadFailedError', 'webwxuploadmedia'],
    [new MissingCookieError('webwxgetmedia', 'webwx_data_ticket', 'file.wx.qq.com'), 'WEBWX_MISSING_COOKIE', 'MissingCookieError', 'webwxgetmedia'],
    [new RevokeExpiredError(-1, undefined, 0), 'WEBWX_REVOKE_EXPIRED', 'RevokeExpiredError', 'webwxrevokemsg'],
    [new ProxyConfigError('HTTPS_PROXY', 'ftp://x', 'unsupported scheme'), 'WEBWX_BAD_PROXY', 'ProxyConfigError', 'proxy'],
  ])('%s carries its code, name and endpoint and is a ProtocolError', (err, code, name, endpoint) => {
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(code);
    expect(err.name).toBe(name);
    expect(err.endpoint).toBe(endpoint);
    expect(String(err)).toBe(`${name}: ${err.message}`);
  });

  it('MalformedBodyError quotes at most 120 characters of the body', () => {
    const short = new MalformedBodyError('jslogin', 'no uuid', 'window.QRLogin.code = 200;');
    expect(short.excerpt).toBe('window.QRLogin.code = 200;');
    expect(short.message).toBe('jslogin: malformed response (no uuid): "window.QRLogin.code = 200;"');
    const long = new MalformedBodyError('webwxsync', 'truncated', 'x'.repeat(500), { cause: new SyntaxError('eof') });
    expect(long.excerpt).toBe(`${'x'.repeat(120)}...`);
    expect(long.message).toHaveLength('webwxsync: malformed response (truncated): ""'.length + 123);
    expect(long.cause).toBeInstanceOf(SyntaxError);
  });

  it('ServerRetError explains the Ret and says whether the session ended or the server is rate limiting', () => {
    const cases: Array<[number, boolean, boolean, RegExp]> = [
      [1100, true, false, /session does not exist/],
      [1101, true, false, /logged in elsewhere/],
      [1102, true, false, /cookies invalid/],
      [1205, false, true, /frequency limit/],
      [1, false, false, /parameter error/],
      [4242, false, false, /unknown server code/],
    ];
    for (const [ret, ended, limited, meaning] of cases) {
      const e = new ServerRetError('webwxsync', ret);
      expect([e.ret, e.sessionEnded, e.rateLimited]).toEqual([ret, ended, limited]);
      expect(e.message).toMatch(new RegExp(`^webwxsync: server returned Ret ${ret}: `));
      expect(e.message).toMatch(meaning);
    }
    const said = new ServerRetError('webwxoplog', 1, 'bad remark');
    expect(said.errMsg).toBe('bad remark');
    expect(said.message).toBe('webwxoplog: server returned Ret 1 "bad remark": parameter error (e.g. addmember on a large group, bad file name)');
  });

  it('LoginRefusedError quotes the server and points to the desktop login mode for 1203', () => {
    const e = new LoginRefusedError(1203, '此微信号不能登录网页微信');
    expect([e.ret, e.serverMessage]).toEqual([1203, '此微信号不能登录网页微信']);
    expect(e.message).toBe('webwxnewloginpage: login refused with ret 1203: "此微信号不能登录网页微信" (this account may not log in to Web WeChat; try the desktop (UOS) login mode or another account)');
  });

  it('HttpStatusError says to retry later only for server errors', () => {
    expect(new HttpStatusError('webwxinit', 502).message).toBe('webwxinit: HTTP 502 from the server (server error; retry later)');
    expect(new HttpStatusError('webwxinit', 404).message).toBe('webwxinit: HTTP 404 from the server');
    expect(new HttpStatusError('webwxinit', 502).status).toBe(502);
  });

  it('NetworkError keeps errno, the timeout flag and the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const e = new NetworkError('jslogin', 'connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED', false, cause);
    expect([e.errno, e.timedOut, e.cause]).toEqual(['ECONNREFUSED', false, cause]);
    expect(e.message).toBe('jslogin: network error: connect ECONNREFUSED 127.0.0.1:1');
    expect(new NetworkError('synccheck', 'timed out after 35000 ms', undefined, true, undefined).timedOut).toBe(true);
  });

  it('MissingCookieError names the cookie, the host and the fix', () => {
    const e = new MissingCookieError('webwxuploadmedia', 'webwx_data_ticket', 'file.wx2.qq.com');
    expect(e.cookie).toBe('webwx_data_ticket');
    expect(e.message).toMatch(/^webwxuploadmedia: the webwx_data_ticket cookie for file\.wx2\.qq\.com is missing from the jar .*; log in again$/);
  });

  it('RevokeExpiredError states the age from the ClientMsgId, and within 2 minutes that Ret -1 may be transient', () => {
    const sent = 1_700_000_000_000;
    const late = new RevokeExpiredError(-1, sent, sent + 300_000);
    expect([late.ret, late.sentAt]).toEqual([-1, sent]);
    expect(late.message).toBe('webwxrevokemsg: cannot revoke: the 2-minute window passed (its ClientMsgId says it was sent 300 s ago); server returned Ret -1');
    const early = new RevokeExpiredError(-1, sent, sent + 30_000);
    expect(early.message).toContain('sent 30 s ago; if that is right, Ret -1 may also be a transient system error');
    expect(new RevokeExpiredError(-1, undefined, sent).message).toBe('webwxrevokemsg: cannot revoke: the 2-minute window passed; server returned Ret -1');
  });

  it('PushLoginRefusedError and ProxyConfigError say where the problem is and what to do', () => {
    const push = new PushLoginRefusedError('2', 'antispam', 'scan a QR code instead');
    expect(push.ret).toBe('2');
    expect(push.message).toBe('webwxpushloginurl: refused with ret "2" ("antispam"): scan a QR code instead');
    const proxy = new ProxyConfigError('HTTPS_PROXY', 'ftp://host', 'unsupported scheme');
    expect(proxy.variable).toBe('HTTPS_PROXY');
    expect(proxy.message).toMatch(/^HTTPS_PROXY: unsupported scheme, got "ftp:\/\/host"; expected a proxy URL such as http:\/\/127\.0\.0\.1:3128/);
    expect(new UploadFailedError('webwxuploadmedia', 'empty MediaId').message).toBe('webwxuploadmedia: upload failed: empty MediaId');
    expect(new AbortedError('synccheck').message).toBe('synccheck: request aborted');
  });
});

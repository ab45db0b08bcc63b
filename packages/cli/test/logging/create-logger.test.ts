import { createLogger, redactUrl, REDACT_PATHS } from '../../src/logging';

/** A destination that keeps every written line. */
function capture() {
  const lines: string[] = [];
  return { lines, text: () => lines.join(''), destination: { write: (line: string) => void lines.push(line) } };
}

// Every value is unique so a leak of any one of them is caught by a substring search.
const SECRETS = {
  skey: '@crypt_skey_0001',
  Skey: '@crypt_skey_0002',
  SKey: '@crypt_skey_0003',
  pass_ticket: 'pt%2Bsecret0004',
  passTicket: 'pt-secret-0005',
  wxsid: 'wxsid-secret-0006',
  sid: 'sid-secret-0007',
  Sid: 'sid-secret-0008',
  wxuin: 'uin-secret-0009',
  uin: 'uin-secret-0010',
  Uin: 'uin-secret-0011',
  cookie: 'wxsid=cookie-secret-0012',
  cookies: 'cookies-secret-0013',
  'set-cookie': 'set-cookie-secret-0014',
  webwx_data_ticket: 'data-ticket-secret-0015',
  webwx_auth_ticket: 'auth-ticket-secret-0016',
  dataTicket: 'data-ticket-secret-0017',
  authTicket: 'auth-ticket-secret-0018',
  webwxuvid: 'uvid-secret-0019',
  ticket: 'login-ticket-secret-0020',
  redirect_uri: 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=redirect-secret-0021',
};
const values = (object: object): string[] => Object.values(object).map(String);

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', pretty: false, destination: out.destination });
    log.info('hidden');
    log.child({ component: 'session' }).warn({ uuid: 'abc' }, 'shown');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ level: 40, component: 'session', uuid: 'abc', msg: 'shown' });
  });

  it('redacts every secret key at the top level and one level down', () => {
    const out = capture();
    const log = createLogger({ level: 'trace', pretty: false, destination: out.destination });
    log.info(SECRETS, 'top');
    log.info({ session: SECRETS }, 'nested');
    const text = out.text();
    for (const secret of values(SECRETS)) expect(text).not.toContain(secret);
    const [top, nested] = out.lines.map((line) => JSON.parse(line) as Record<string, unknown> & { session: Record<string, unknown> });
    expect(top?.skey).toBe('[redacted]');
    expect(nested?.session.passTicket).toBe('[redacted]');
    expect(nested?.session.uin).toBe('[redacted]');
  });

  it('redacts credentials.*, BaseRequest.* and cookie headers, also inside a child binding', () => {
    const out = capture();
    const log = createLogger({ pretty: false, destination: out.destination });
    const credentials = { skey: '@crypt_c_01', wxsid: 'c-sid-02', wxuin: 3333333303, passTicket: 'c-pt-04', anything: 'c-other-05' };
    const BaseRequest = { Uin: 4444444401, Sid: 'br-sid-02', Skey: '@crypt_br_03', DeviceID: 'e123456789012304' };
    log.info({ credentials }, 'creds');
    log.info({ body: { BaseRequest } }, 'request body');
    log.info({ BaseRequest }, 'request');
    log.info({ req: { headers: { cookie: 'wxuin=hdr-01; wxsid=hdr-02', Cookie: 'hdr-03' } } }, 'req');
    log.info({ res: { headers: { 'set-cookie': ['webwx_data_ticket=hdr-04'], 'Set-Cookie': 'hdr-05' } } }, 'res');
    log.info({ headers: { cookie: 'hdr-06', 'set-cookie': 'hdr-07', 'content-type': 'text/plain' } }, 'headers');
    log.child({ credentials: { skey: '@crypt_child_01' } }).info('child');
    const text = out.text();
    for (const secret of [...values(credentials), ...values(BaseRequest), 'hdr-0', '@crypt_child_01']) expect(text).not.toContain(secret);
    expect(text).toContain('text/plain');
    expect(JSON.parse(out.lines[0]!).credentials).toEqual({
      skey: '[redacted]',
      wxsid: '[redacted]',
      wxuin: '[redacted]',
      passTicket: '[redacted]',
      anything: '[redacted]',
    });
  });

  it('censors secret query parameters in url and uri fields', () => {
    const out = capture();
    const log = createLogger({ pretty: false, destination: out.destination });
    log.info({ url: 'https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck?r=1&skey=%40crypt_q1&sid=q-sid-2&uin=q-uin-9001&deviceid=e1&synckey=1_2' }, 'poll');
    log.info({ uri: 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?pass_ticket=q-pt-3&r=2' }, 'init');
    const text = out.text();
    // Values no timestamp can contain (a bare '9001' turned up inside pino's epoch ms).
    for (const secret of ['%40crypt_q1', 'q-sid-2', 'q-uin-9001', 'q-pt-3']) expect(text).not.toContain(secret);
    expect(text).toContain('synckey=1_2');
    expect(redactUrl('https://login.wx.qq.com/x?ticket=T1&uuid=U1')).toBe('https://login.wx.qq.com/x?ticket=[redacted]&uuid=U1');
    expect(redactUrl(42)).toBe(42);
  });

  it('keeps errors serialised with their stack', () => {
    const out = capture();
    createLogger({ pretty: false, destination: out.destination }).error({ err: new Error('kaput') }, 'failed');
    expect(JSON.parse(out.lines[0]!).err).toMatchObject({ type: 'Error', message: 'kaput', stack: expect.stringContaining('kaput') });
  });

  it('pretty-prints synchronously, redacted and without colours when asked', () => {
    const out = capture();
    const log = createLogger({ level: 'debug', pretty: true, colorize: false, destination: out.destination });
    log.debug({ skey: '@crypt_pretty_1', credentials: { sid: 'pretty-sid-2' }, chat: 'filehelper' }, 'logged in');
    expect(out.lines).toHaveLength(1); // written before debug() returned: nothing lost on exit
    const [line] = out.lines;
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] DEBUG: logged in\n/);
    expect(line).toContain('chat: "filehelper"');
    expect(line).toContain('"[redacted]"');
    expect(line).not.toContain('@crypt_pretty_1');
    expect(line).not.toContain('pretty-sid-2');
    expect(line).not.toContain('\u001b[');
  });

  it('logs nothing at level silent', () => {
    const out = capture();
    createLogger({ level: 'silent', pretty: false, destination: out.destination }).fatal('nope');
    expect(out.lines).toEqual([]);
  });

  it('covers every secret name both at the top and one level down', () => {
    for (const name of ['skey', 'Skey', 'SKey', 'pass_ticket', 'passTicket', 'wxsid', 'sid', 'Sid', 'wxuin', 'uin', 'Uin', 'cookie', 'cookies', 'webwx_data_ticket', 'webwx_auth_ticket']) {
      expect(REDACT_PATHS).toContain(name);
      expect(REDACT_PATHS).toContain(`*.${name}`);
    }
    expect(REDACT_PATHS).toEqual(expect.arrayContaining(['["set-cookie"]', '*["set-cookie"]', 'credentials.*', '*.credentials.*', 'BaseRequest.*', '*.BaseRequest.*', 'headers.cookie', '*.headers.cookie', 'headers["set-cookie"]']));
  });
});

import pino from 'pino';
import { CENSOR, REDACT_PATHS, redactUrl } from '../../src/logging/redact-paths';

const logged = (obj: object): Record<string, unknown> => {
  const lines: string[] = [];
  const log = pino({ redact: { paths: [...REDACT_PATHS], censor: CENSOR } }, { write: (line: string) => void lines.push(line) });
  log.info(obj, 'x');
  return JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
};

describe('redact paths', () => {
  it('are valid pino paths that censor secrets at the top, one level down, in secret containers and in headers', () => {
    const out = logged({
      skey: '@crypt_1', pass_ticket: 'pt', Uin: 123, 'set-cookie': ['a=b'],
      session: { wxsid: 'sid', dataTicket: 'dt', nickName: 'bot' },
      BaseRequest: { Uin: 1, Sid: 's', Skey: 'k', DeviceID: 'e1' },
      credentials: { anything: 'x' },
      req: { headers: { cookie: 'wxsid=1', accept: 'json' } },
      ticket: 't', redirect_uri: 'https://x/?ticket=t', kept: 'visible',
    });
    expect(out).toMatchObject({
      skey: CENSOR, pass_ticket: CENSOR, Uin: CENSOR, 'set-cookie': CENSOR,
      session: { wxsid: CENSOR, dataTicket: CENSOR, nickName: 'bot' },
      BaseRequest: { Uin: CENSOR, Sid: CENSOR, Skey: CENSOR, DeviceID: CENSOR },
      credentials: { anything: CENSOR },
      req: { headers: { cookie: CENSOR, accept: 'json' } },
      ticket: CENSOR, redirect_uri: CENSOR, kept: 'visible',
    });
    expect(JSON.stringify(out)).not.toMatch(/crypt_1|wxsid=1|"pt"|"dt"/);
  });

  it('censor secret query parameters in URLs, whatever their case, and leave the rest', () => {
    expect(redactUrl('https://wx.qq.com/cgi-bin/mmwebwx-bin/synccheck?r=1&skey=%40crypt_1&sid=abc&uin=2&deviceid=e1&synckey=1_2#x')).toBe(
      `https://wx.qq.com/cgi-bin/mmwebwx-bin/synccheck?r=1&skey=${CENSOR}&sid=${CENSOR}&uin=${CENSOR}&deviceid=e1&synckey=1_2#x`,
    );
    expect(redactUrl('https://x/?PASS_TICKET=p&ticket=t&webwx_data_ticket=d')).toBe(`https://x/?PASS_TICKET=${CENSOR}&ticket=${CENSOR}&webwx_data_ticket=${CENSOR}`);
    expect(redactUrl(42)).toBe(42);
  });
});

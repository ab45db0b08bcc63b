import http from 'node:http';
import { createWebwxHttp, deriveHosts } from '@wxbot/protocol';
import { baseRequest, lang, mainUrl, postMain, refererHeaders, type SessionContext } from '../src/session-context';
import { listen, shutdown } from './helpers/local-server';

const credentials = { uin: 176666155, sid: 'mbJ5Lqm+yj6C8cEg', skey: '@crypt_14ae1b12_b7', passTicket: 'kbmy5JHE%2Bq' };

describe('session context', () => {
  it('builds BaseRequest with a fresh DeviceID, the MAIN URLs and the Referer/Origin of the main host', () => {
    const ctx = { hosts: deriveHosts('wx2.qq.com'), credentials } as SessionContext;
    const a = baseRequest(credentials);
    expect(a).toEqual({ Uin: 176666155, Sid: 'mbJ5Lqm+yj6C8cEg', Skey: '@crypt_14ae1b12_b7', DeviceID: expect.stringMatching(/^e\d{15}$/) });
    expect(mainUrl(ctx, 'webwxinit')).toBe('https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxinit');
    expect(refererHeaders(ctx)).toEqual({ Referer: 'https://wx2.qq.com/', Origin: 'https://wx2.qq.com' });
    expect(lang(ctx)).toBe('zh_CN');
    expect(lang({ ...ctx, lang: 'en_US' })).toBe('en_US');
  });

  it('postMain POSTs JSON with BaseRequest, lang and pass_ticket to MAIN and answers the body text', async () => {
    const seen: Array<{ url: string; host: string | undefined; referer: string | undefined; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        seen.push({ url: req.url ?? '', host: req.headers.host, referer: req.headers.referer, body });
        res.end('{"BaseResponse":{"Ret":0}}');
      });
    });
    const client = createWebwxHttp({ endpoint: await listen(server) });
    try {
      const ctx: SessionContext = { http: client, hosts: deriveHosts('wx2.qq.com'), credentials, lang: 'en_US' };
      expect(await postMain(ctx, 'webwxstatusnotify', { query: { r: 5 }, body: { Code: 3 } })).toBe('{"BaseResponse":{"Ret":0}}');
      const s = seen[0];
      expect(s?.host).toBe('wx2.qq.com');
      expect(s?.referer).toBe('https://wx2.qq.com/');
      expect(s?.url).toBe('/cgi-bin/mmwebwx-bin/webwxstatusnotify?r=5&lang=en_US&pass_ticket=kbmy5JHE%252Bq');
      const json = JSON.parse(s?.body ?? '{}') as { BaseRequest: Record<string, unknown>; Code: number };
      expect(json.Code).toBe(3);
      expect(json.BaseRequest).toMatchObject({ Uin: 176666155, Sid: 'mbJ5Lqm+yj6C8cEg', Skey: '@crypt_14ae1b12_b7' });
    } finally {
      await shutdown(server, client);
    }
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortedError, createWebwxHttp, HttpStatusError, NetworkError, parseEndpoint, type WebwxHttp } from '@wxbot/protocol';

// A raw local server standing in for "any server": these tests are about the transport
// (override, cookies, error mapping), not about webwx semantics.
interface Seen {
  host: string | undefined;
  cookie: string | undefined;
  url: string | undefined;
}

describe('HTTP transport with WXBOT_ENDPOINT override', () => {
  let server: http.Server;
  let endpoint: string;
  let client: WebwxHttp;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ host: req.headers.host, cookie: req.headers.cookie, url: req.url });
      const path = req.url ?? '';
      if (path.startsWith('/set')) {
        res.setHeader('Set-Cookie', [
          'wxuin=176666155; Domain=wx2.qq.com; Path=/; Secure',
          'webwx_data_ticket=gSdIcket; Domain=.qq.com; Path=/; Secure',
          'hostonly=1; Path=/',
        ]);
        res.end('ok');
      } else if (path.startsWith('/reset')) {
        req.socket.destroy();
      } else if (path.startsWith('/503')) {
        res.statusCode = 503;
        res.end('<html>Service Unavailable</html>');
      } else if (path.startsWith('/hang')) {
        // never answers: timeouts and aborts
      } else {
        res.end('ok');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = createWebwxHttp({ endpoint });
  });

  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const get = (url: string, extra: Partial<Parameters<WebwxHttp['request']>[0]> = {}) =>
    client.request({ endpoint: 'test', method: 'GET', url, ...extra });

  it('sends the real Host header, path and query to the override address', async () => {
    await get('https://webpush.wx2.qq.com/cgi-bin/mmwebwx-bin/synccheck', { query: { synckey: '1_2|3_4', skey: '@crypt_x' } });
    const last = seen[seen.length - 1];
    expect(last?.host).toBe('webpush.wx2.qq.com');
    expect(last?.url).toBe('/cgi-bin/mmwebwx-bin/synccheck?synckey=1_2%7C3_4&skey=%40crypt_x');
  });

  it('keys cookies on the real https URLs: Domain cookies reach subdomains, others do not', async () => {
    await get('https://wx2.qq.com/set');
    await get('https://webpush.wx2.qq.com/a');
    expect(seen[seen.length - 1]?.cookie).toBe('wxuin=176666155; webwx_data_ticket=gSdIcket');
    await get('https://file.wx2.qq.com/b');
    expect(seen[seen.length - 1]?.cookie).toBe('wxuin=176666155; webwx_data_ticket=gSdIcket');
    await get('https://login.weixin.qq.com/c');
    expect(seen[seen.length - 1]?.cookie).toBe('webwx_data_ticket=gSdIcket');
    await get('https://wx2.qq.com/d');
    expect(seen[seen.length - 1]?.cookie).toBe('wxuin=176666155; webwx_data_ticket=gSdIcket; hostonly=1');
    expect(client.cookie('https://file.wx2.qq.com/', 'webwx_data_ticket')).toBe('gSdIcket');
  });

  it('reports a reset connection as NetworkError', async () => {
    const err = await get('https://wx2.qq.com/reset').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).endpoint).toBe('test');
  });

  it('reports 5xx as HttpStatusError', async () => {
    const err = await get('https://wx2.qq.com/503').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(503);
  });

  it('reports a timeout as NetworkError with timedOut', async () => {
    const err = await get('https://wx2.qq.com/hang', { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).timedOut).toBe(true);
  });

  it('reports an abort as AbortedError', async () => {
    const ac = new AbortController();
    const p = get('https://wx2.qq.com/hang', { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toBeInstanceOf(AbortedError);
  });

  it('reports a refused connection as NetworkError', async () => {
    const dead = createWebwxHttp({ endpoint: 'http://127.0.0.1:1' });
    const err = await dead.request({ endpoint: 'jslogin', method: 'GET', url: 'https://login.wx.qq.com/jslogin' }).catch((e: unknown) => e);
    dead.close();
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).errno).toBe('ECONNREFUSED');
  });

  it('rejects a malformed WXBOT_ENDPOINT with a message naming the fix', () => {
    expect(() => parseEndpoint('127.0.0.1:8080')).toThrow(/must be a plain http:\/\/HOST:PORT address|must look like/);
    expect(() => parseEndpoint('https://127.0.0.1:8080')).toThrow(/plain http:\/\/HOST:PORT/);
  });
});

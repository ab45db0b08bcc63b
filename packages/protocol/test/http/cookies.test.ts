import http from 'node:http';
import { createWebwxHttp } from '@wxbot/protocol';
import { listen, shutdown } from '../helpers/local-server';

describe('cookies through the transport: cached Cookie headers and the jar change counter', () => {
  let server: http.Server;
  let endpoint: string;
  const cookies: Array<string | undefined> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      cookies.push(req.headers.cookie);
      const set = new URL(req.url ?? '/', 'http://x').searchParams.get('set');
      if (set) res.setHeader('Set-Cookie', set);
      res.end('ok');
    });
    endpoint = await listen(server);
  });
  afterAll(() => shutdown(server));

  const inHours = (h: number): string => new Date(Date.now() + h * 3_600_000).toUTCString();

  it('a refresh to the same value is no change; a new value, an earlier expiry, a removal and outside writes are', async () => {
    const client = createWebwxHttp({ endpoint });
    const get = (set?: string) => client.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/cgi-bin/x', ...(set ? { query: { set } } : {}) });
    try {
      await get(`wxsid=a; Domain=wx2.qq.com; Path=/; Expires=${inHours(12)}`);
      const v0 = client.cookieVersion;
      await get(`wxsid=a; Domain=wx2.qq.com; Path=/; Expires=${inHours(13)}`);
      expect(client.cookieVersion).toBe(v0);
      expect(cookies.at(-1)).toBe('wxsid=a');
      await get(`wxsid=b; Domain=wx2.qq.com; Path=/; Expires=${inHours(13)}`);
      const v1 = client.cookieVersion;
      expect(v1).toBeGreaterThan(v0);
      await get();
      expect(cookies.at(-1)).toBe('wxsid=b');
      await get(`wxsid=b; Domain=wx2.qq.com; Path=/; Expires=${inHours(1)}`);
      expect(client.cookieVersion).toBeGreaterThan(v1);
      // Outside code writing to the jar: the next request carries it.
      client.jar.setCookieSync('extra=1; Path=/', 'https://wx2.qq.com/');
      await get();
      expect(cookies.at(-1)).toBe('wxsid=b; extra=1');
      client.jar.removeAllCookiesSync();
      await get();
      expect(cookies.at(-1)).toBe(undefined);
    } finally {
      client.close();
    }
  });

  it('stops sending a cookie once it expires, without any write to the jar', async () => {
    const client = createWebwxHttp({ endpoint });
    const get = (set?: string) => client.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/y', ...(set ? { query: { set } } : {}) });
    try {
      await get('short=1; Path=/; Max-Age=2');
      await get();
      expect(cookies.at(-1)).toBe('short=1');
      const v = client.cookieVersion;
      await new Promise((r) => setTimeout(r, 2100));
      await get();
      expect(cookies.at(-1)).toBe(undefined);
      // Dropping the expired cookie is a change too.
      expect(client.cookieVersion).toBeGreaterThan(v);
    } finally {
      client.close();
    }
  });

  it('a refresh that only pushes the expiry back a little is skipped; a longer push, or any jar change since, is stored', async () => {
    const client = createWebwxHttp({ endpoint });
    const url = 'https://wx2.qq.com/cgi-bin/r';
    const get = (set?: string) => client.request({ endpoint: 'test', method: 'GET', url, ...(set ? { query: { set } } : {}) });
    const expiry = () => client.jar.getCookiesSync(url).find((c) => c.key === 'wxsid')?.expiryTime();
    // One base time: read twice, Date.now() can cross a second and move at(12) by 1 s.
    const base = Date.now();
    const at = (h: number) => new Date(Math.floor((base + h * 3_600_000) / 1000) * 1000);
    try {
      await get(`wxsid=a; Path=/; Expires=${at(12).toUTCString()}`);
      expect(expiry()).toBe(at(12).getTime());
      // +30 min on 12 h left: within a tenth of the remaining life, not worth a parse.
      await get(`wxsid=a; Path=/; Expires=${at(12.5).toUTCString()}`);
      expect(expiry()).toBe(at(12).getTime());
      // +2 h: stored.
      await get(`wxsid=a; Path=/; Expires=${at(14).toUTCString()}`);
      expect(expiry()).toBe(at(14).getTime());
      // The jar changed (outside code removed everything): the same small push is stored again.
      client.jar.removeAllCookiesSync();
      await get(`wxsid=a; Path=/; Expires=${at(14.1).toUTCString()}`);
      expect(client.cookie(url, 'wxsid')).toBe('a');
    } finally {
      client.close();
    }
  });

  it('a caller-supplied Cookie header is merged, never cached', async () => {
    const client = createWebwxHttp({ endpoint });
    try {
      client.jar.setCookieSync('a=1; Path=/', 'https://wx2.qq.com/');
      await client.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/z', headers: { Cookie: 'b=2' } });
      expect(cookies.at(-1)).toBe('a=1; b=2');
      await client.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/z' });
      expect(cookies.at(-1)).toBe('a=1');
    } finally {
      client.close();
    }
  });
});

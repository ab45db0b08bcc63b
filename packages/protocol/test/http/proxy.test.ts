import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { createWebwxHttp, ProxyConfigError, type WebwxHttp } from '@wxbot/protocol';

// Real sockets end to end: the client reaches "the real hosts" (wx2.qq.com, webpush.wx2.qq.com,
// login.wx.qq.com) only through a local proxy, which tunnels every CONNECT to one local TLS
// server whose self-signed certificate names those hosts; the client trusts it via `ca`.
// Nothing is mocked: DNS is never asked, because the proxy alone resolves where bytes go.

interface Seen {
  host: string | undefined;
  servername: string | false | null | undefined;
  cookie: string | undefined;
  url: string | undefined;
}

const listen = async (server: net.Server): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};
const closeServer = async (server: http.Server | https.Server): Promise<void> => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
};

describe('HTTP transport through a proxy (CONNECT tunnel, real TLS, cookies from the jar)', () => {
  let cert: string;
  let tlsServer: https.Server;
  let plainServer: http.Server;
  let proxy: http.Server;
  let proxyUrl: string;
  let plainPort: number;
  /** What the proxy was asked: `CONNECT host:port` or `GET http://…` (absolute form). */
  const asked: string[] = [];
  const seen: Seen[] = [];
  const plainSeen: Array<{ url: string | undefined; host: string | undefined }> = [];

  // These clients go to "the real hosts": an override in the environment would bypass the proxy.
  const savedEndpoint = process.env['WXBOT_ENDPOINT'];
  beforeAll(() => {
    delete process.env['WXBOT_ENDPOINT'];
  });
  afterAll(() => {
    if (savedEndpoint !== undefined) process.env['WXBOT_ENDPOINT'] = savedEndpoint;
  });

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'wx2.qq.com' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: ['wx2.qq.com', '*.wx2.qq.com', 'login.wx.qq.com'].map((value) => ({ type: 2 as const, value })) },
      ],
    });
    cert = pems.cert;
    tlsServer = https.createServer({ key: pems.private, cert }, (req, res) => {
      seen.push({ host: req.headers.host, servername: (req.socket as TLSSocket).servername, cookie: req.headers.cookie, url: req.url });
      if (req.url?.startsWith('/set')) {
        res.setHeader('Set-Cookie', [
          'wxuin=176666155; Domain=wx2.qq.com; Path=/; Secure',
          'webwx_data_ticket=gSdIcket; Domain=.qq.com; Path=/; Secure',
          'hostonly=1; Path=/',
        ]);
      }
      res.end('ok');
    });
    const tlsPort = await listen(tlsServer);
    plainServer = http.createServer((req, res) => {
      plainSeen.push({ url: req.url, host: req.headers.host });
      res.end('plain');
    });
    plainPort = await listen(plainServer);

    proxy = http.createServer((req, res) => {
      // Absolute-form request for an http:// target: forward it to the plain server.
      asked.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const upstream = http.request({ host: '127.0.0.1', port: plainPort, method: req.method, path: target.pathname + target.search, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      asked.push(`CONNECT ${req.url}`);
      const upstream = net.connect(tlsPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const drop = (): void => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', drop);
      client.on('error', drop);
    });
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  });

  afterAll(async () => {
    await closeServer(proxy);
    await closeServer(tlsServer);
    await closeServer(plainServer);
  });

  const get = (client: WebwxHttp, url: string) => client.request({ endpoint: 'test', method: 'GET', url });

  it('tunnels https:// targets with CONNECT, keeps each tunnel alive, and carries the jar\'s cookies by Domain', async () => {
    asked.length = 0;
    seen.length = 0;
    const client = createWebwxHttp({ proxy: proxyUrl, ca: cert });
    try {
      await get(client, 'https://wx2.qq.com/set');
      await get(client, 'https://webpush.wx2.qq.com/a');
      await get(client, 'https://login.wx.qq.com/b');
      await get(client, 'https://wx2.qq.com/c');
      await get(client, 'https://wx2.qq.com/d');
      expect(asked).toEqual(['CONNECT wx2.qq.com:443', 'CONNECT webpush.wx2.qq.com:443', 'CONNECT login.wx.qq.com:443']);
      expect(seen.map((s) => [s.host, s.servername, s.url])).toEqual([
        ['wx2.qq.com', 'wx2.qq.com', '/set'],
        ['webpush.wx2.qq.com', 'webpush.wx2.qq.com', '/a'],
        ['login.wx.qq.com', 'login.wx.qq.com', '/b'],
        ['wx2.qq.com', 'wx2.qq.com', '/c'],
        ['wx2.qq.com', 'wx2.qq.com', '/d'],
      ]);
      // Domain=wx2.qq.com reaches its subdomain, Domain=.qq.com every qq.com host, a host-only cookie its own host.
      expect(seen.map((s) => s.cookie)).toEqual([
        undefined,
        'wxuin=176666155; webwx_data_ticket=gSdIcket',
        'webwx_data_ticket=gSdIcket',
        'wxuin=176666155; webwx_data_ticket=gSdIcket; hostonly=1',
        'wxuin=176666155; webwx_data_ticket=gSdIcket; hostonly=1',
      ]);
    } finally {
      client.close();
    }
  });

  it('refuses a host whose certificate the client does not trust (TLS is end to end through the tunnel)', async () => {
    const client = createWebwxHttp({ proxy: proxyUrl });
    try {
      await expect(get(client, 'https://wx2.qq.com/x')).rejects.toMatchObject({ code: 'WEBWX_NETWORK' });
    } finally {
      client.close();
    }
  });

  describe('from the environment', () => {
    const saved: Record<string, string | undefined> = {};
    const NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];
    beforeEach(() => {
      for (const name of NAMES) {
        saved[name] = process.env[name];
        delete process.env[name];
      }
    });
    afterEach(() => {
      for (const name of NAMES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('HTTPS_PROXY for https://, HTTP_PROXY for http:// (absolute form), NO_PROXY hosts directly', async () => {
      process.env['HTTPS_PROXY'] = proxyUrl;
      process.env['HTTP_PROXY'] = proxyUrl;
      process.env['NO_PROXY'] = '127.0.0.1';
      asked.length = 0;
      plainSeen.length = 0;
      const client = createWebwxHttp({ ca: cert });
      try {
        expect((await get(client, 'https://wx2.qq.com/e')).text).toBe('ok');
        expect((await get(client, 'http://plain.example.test/p?q=1')).text).toBe('plain');
        expect((await get(client, `http://127.0.0.1:${plainPort}/direct`)).text).toBe('plain');
        expect(asked).toEqual(['CONNECT wx2.qq.com:443', 'GET http://plain.example.test/p?q=1']);
        expect(plainSeen).toEqual([
          { url: '/p?q=1', host: 'plain.example.test' },
          { url: '/direct', host: `127.0.0.1:${plainPort}` },
        ]);
      } finally {
        client.close();
      }
    });

    it('a malformed proxy variable stops the client at creation with WEBWX_BAD_PROXY naming it, password hidden', () => {
      process.env['HTTPS_PROXY'] = 'socks5://user:s3cret@proxy.example:1080';
      const err = (() => {
        try {
          createWebwxHttp();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ProxyConfigError);
      expect(err).toMatchObject({ code: 'WEBWX_BAD_PROXY', variable: 'HTTPS_PROXY' });
      expect((err as Error).message).toMatch(/^HTTPS_PROXY: unsupported proxy scheme socks5:/);
      expect((err as Error).message).not.toContain('s3cret');
      // `proxy: false` ignores the environment altogether.
      expect(() => createWebwxHttp({ proxy: false }).close()).not.toThrow();
    });
  });

  it('the endpoint override is never proxied, so a proxy variable cannot break a simulator run', async () => {
    const saved = process.env['HTTPS_PROXY'];
    process.env['HTTPS_PROXY'] = 'socks5://127.0.0.1:1080';
    asked.length = 0;
    const client = createWebwxHttp({ endpoint: `http://127.0.0.1:${plainPort}`, proxy: proxyUrl });
    try {
      expect((await get(client, 'https://wx2.qq.com/via-override')).text).toBe('plain');
      expect(asked).toEqual([]);
    } finally {
      client.close();
      if (saved === undefined) delete process.env['HTTPS_PROXY'];
      else process.env['HTTPS_PROXY'] = saved;
    }
  });

  it('a malformed proxy option is refused the same way, naming the option', () => {
    expect(() => createWebwxHttp({ proxy: 'http://[::1' })).toThrow(ProxyConfigError);
    expect(() => createWebwxHttp({ proxy: 'http://[::1' })).toThrow(/^proxy: not a URL/);
  });
});

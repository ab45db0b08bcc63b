import crypto from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { AbortedError, createWebwxHttp, HttpStatusError, NetworkError, parseEndpoint, type RequestOptions, type WebwxHttp } from '@wxbot/protocol';
import { listen, shutdown } from '../helpers/local-server';

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
    endpoint = await listen(server);
    client = createWebwxHttp({ endpoint });
  });

  afterAll(() => shutdown(server, client));

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
    expect((err as NetworkError).errno).toBe('ECONNRESET');
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

describe('HTTP transport: compression, deadlines, cookies on any status, connections', () => {
  const text = JSON.stringify({ BaseResponse: { Ret: 0 }, Note: '中文 '.repeat(2000) });
  // Incompressible (random hex): well above the 32 KB that are inflated in line, so it takes the thread pool.
  const large = JSON.stringify({ BaseResponse: { Ret: 0 }, Note: crypto.randomBytes(64 * 1024).toString('hex') });
  let server: http.Server;
  let endpoint: string;
  let client: WebwxHttp;
  let sockets = 0;
  const seen: http.IncomingHttpHeaders[] = [];

  const compressors: Record<string, (b: Buffer) => Buffer> = {
    gzip: (b) => zlib.gzipSync(b),
    deflate: (b) => zlib.deflateSync(b),
    'raw-deflate': (b) => zlib.deflateRawSync(b),
    br: (b) => zlib.brotliCompressSync(b),
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      const url = new URL(req.url ?? '/', 'http://x');
      const [, route, arg] = url.pathname.split('/');
      if (route === 'z') {
        const coding = arg ?? 'gzip';
        res.setHeader('Content-Encoding', coding === 'raw-deflate' ? 'deflate' : coding);
        res.end(compressors[coding]?.(Buffer.from(url.searchParams.has('large') ? large : text)));
      } else if (route === 'badz') {
        res.setHeader('Content-Encoding', 'gzip');
        res.end('not gzip at all');
      } else if (route === 'status') {
        res.statusCode = Number(arg);
        res.setHeader('Set-Cookie', `from${arg}=yes; Path=/`);
        if (res.statusCode === 301) res.setHeader('Location', 'https://wx.qq.com/');
        res.end('page');
      } else if (route === 'trickle') {
        // headers at once, then a byte every 50 ms: never idle long, but slow overall
        res.writeHead(200);
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
      } else if (route === 'stall') {
        res.writeHead(200);
        res.write('first');
      } else if (route === 'slow') {
        setTimeout(() => res.end('late'), Number(arg));
      } else if (route === 'cut') {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('x'.repeat(10), () => setTimeout(() => req.socket.destroy(), 20));
      } else if (route === 'hang') {
        // never answers
      } else {
        res.end('ok');
      }
    });
    server.on('connection', () => {
      sockets += 1;
    });
    endpoint = await listen(server);
    client = createWebwxHttp({ endpoint });
  });

  afterAll(() => shutdown(server, client));

  const req = (path: string, extra: Partial<RequestOptions> = {}) =>
    client.request({ endpoint: 'test', method: 'GET', url: `https://wx2.qq.com${path}`, ...extra });
  const readAll = async (body: NodeJS.ReadableStream): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(Buffer.from(c));
    return Buffer.concat(chunks).toString('utf8');
  };

  it.each(['gzip', 'deflate', 'raw-deflate', 'br'])('asks for compression and decodes a %s body, in request and stream', async (coding) => {
    const res = await req(`/z/${coding}`);
    expect(seen[seen.length - 1]?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(res.text).toBe(text);
    expect(res.bytes.equals(Buffer.from(text))).toBe(true);
    expect(res.headers['content-encoding']).toBeUndefined();
    const streamed = await client.stream({ endpoint: 'test', method: 'GET', url: `https://wx2.qq.com/z/${coding}` });
    expect(await readAll(streamed.body)).toBe(text);
  });

  it.each(['gzip', 'raw-deflate', 'br'])('decodes a large %s body (inflated off the main thread)', async (coding) => {
    const res = await req(`/z/${coding}?large=1`);
    expect(res.text).toBe(large);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('reports a corrupt compressed body as NetworkError', async () => {
    const err = await req('/badz').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });

  it('stores cookies from non-200 answers (301, 404, 503), accepted or not', async () => {
    const moved = await req('/status/301', { acceptStatus: [301] });
    expect(moved.status).toBe(301);
    expect(moved.headers['location']).toBe('https://wx.qq.com/');
    await expect(req('/status/404')).rejects.toBeInstanceOf(HttpStatusError);
    await expect(client.stream({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/status/503' })).rejects.toBeInstanceOf(HttpStatusError);
    expect(client.cookie('https://wx2.qq.com/', 'from301')).toBe('yes');
    expect(client.cookie('https://wx2.qq.com/', 'from404')).toBe('yes');
    expect(client.cookie('https://wx2.qq.com/', 'from503')).toBe('yes');
    await req('/echo');
    expect(seen[seen.length - 1]?.cookie).toContain('from301=yes; from404=yes; from503=yes');
  });

  it('times out a response that keeps trickling past the deadline (the deadline is for the whole request)', async () => {
    const t0 = Date.now();
    const err = await req('/trickle', { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ timedOut: true, errno: 'ETIMEDOUT', endpoint: 'test' });
    expect((err as NetworkError).message).toBe('test: network error: timed out');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('lets a slow answer within the deadline through (no idle or header timeout cuts a long poll)', async () => {
    const res = await req('/slow/700', { timeoutMs: 2000 });
    expect(res.text).toBe('late');
  });

  it('uses the client timeoutMs by default', async () => {
    const quick = createWebwxHttp({ endpoint, timeoutMs: 150 });
    const err = await quick.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/hang' }).catch((e: unknown) => e);
    quick.close();
    expect(err).toMatchObject({ timedOut: true });
  });

  it('stream: the deadline covers the headers only; a silent body fails with a timed-out NetworkError', async () => {
    const t0 = Date.now();
    const res = await client.stream({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/trickle', timeoutMs: 400 });
    let failure: unknown;
    await new Promise<void>((resolve) => {
      res.body.on('data', () => {
        if (Date.now() - t0 > 1000) res.body.destroy();
      });
      res.body.on('error', (e) => (failure = e));
      res.body.on('close', resolve);
    });
    expect(failure).toBeUndefined(); // still flowing at 2.5x the deadline

    const stalled = await client.stream({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/stall', timeoutMs: 300 });
    const err = await readAll(stalled.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ timedOut: true });
  });

  it('stream: a connection cut mid-body errors the stream with NetworkError', async () => {
    const res = await client.stream({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/cut' });
    const err = await readAll(res.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).timedOut).toBe(false);
  });

  it('stream: aborting destroys the body with AbortedError', async () => {
    const ac = new AbortController();
    const res = await client.stream({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/stall', signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(readAll(res.body)).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(req('/echo', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
  });

  it('keeps connections alive and opens at most 16 per host', async () => {
    const before = sockets;
    for (let i = 0; i < 5; i += 1) await req('/echo');
    // undici hands a connection back to its pool a tick after the body ended, so a request sent
    // at once may open a second one; from then on both are reused.
    expect(sockets - before).toBeLessThanOrEqual(2);
    const ac = new AbortController();
    const hanging = Array.from({ length: 20 }, () => req('/hang', { signal: ac.signal }).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 200));
    expect(sockets - before).toBeLessThanOrEqual(16);
    ac.abort();
    await Promise.all(hanging);
  });

  it('close() does not wait for a request in flight, and the client stays usable', async () => {
    const own = createWebwxHttp({ endpoint });
    const inFlight = own.request({ endpoint: 'synccheck', method: 'GET', url: 'https://webpush.wx2.qq.com/hang', timeoutMs: 10_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    own.close();
    expect(await inFlight).toBeInstanceOf(NetworkError);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await own.request({ endpoint: 'test', method: 'GET', url: 'https://wx2.qq.com/echo' })).text).toBe('ok');
    own.close();
  });

  it('serialises query, JSON body and headers as before (undefined skipped, spaces as +)', async () => {
    let url = '';
    let body = '';
    server.once('request', (q: http.IncomingMessage) => {
      url = q.url ?? '';
      q.on('data', (c: Buffer) => (body += c.toString('utf8')));
    });
    await req('/echo?x=1', {
      method: 'POST',
      query: { a: 'b c', skip: undefined, t: 'x:$,@|/', n: 5, e: '' },
      json: { Msg: { Content: '你好 / "q"' } },
      headers: { 'content-type': 'text/plain', Referer: 'https://wx2.qq.com/' },
    });
    expect(url).toBe('/echo?x=1&a=b+c&t=x:$,%40%7C%2F&n=5&e=');
    expect(body).toBe('{"Msg":{"Content":"你好 / \\"q\\""}}');
    const h = seen[seen.length - 1];
    expect(h?.['content-type']).toBe('application/json;charset=UTF-8');
    expect(h?.['referer']).toBe('https://wx2.qq.com/');
    expect(h?.['accept']).toBe('*/*');
    expect(h?.['user-agent']).toMatch(/Chrome/);
  });
});

// The Cookie header is reused per URL while the jar has not changed: the reuse must never send
// a stale header, whoever changed the jar and however a cookie ends.

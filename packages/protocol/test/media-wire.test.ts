import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  AbortedError,
  createWebwxHttp,
  deriveHosts,
  getMedia,
  getMsgImage,
  getVideo,
  HttpStatusError,
  MissingCookieError,
  NetworkError,
  ProtocolError,
  ServerRetError,
  UPLOAD_CHUNK_SIZE,
  UploadFailedError,
  uploadMedia,
  type SessionContext,
} from '@wxbot/protocol';
import { boundaryOf, parseMultipart, type ParsedPart } from './helpers/multipart-parse';

// The wire shape of uploads and downloads against a raw local server (exact bytes, headers,
// cookies); webwx semantics are covered against the simulator in e2e-media.test.ts.
interface Seen {
  host: string | undefined;
  url: URL;
  cookie: string | undefined;
  headers: http.IncomingHttpHeaders;
  parts: ParsedPart[];
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

describe('upload and download on the wire', () => {
  let server: http.Server;
  let ctx: SessionContext;
  const seen: Seen[] = [];
  let reply: Reply = (_q, res) => res.end('{}');

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = req.headers['content-type'] ?? '';
        const s: Seen = {
          host: req.headers.host,
          url: new URL(req.url ?? '/', 'http://x'),
          cookie: req.headers.cookie,
          headers: req.headers,
          parts: type.startsWith('multipart/') ? parseMultipart(body, boundaryOf(type)) : [],
        };
        seen.push(s);
        reply(req, res, s);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const httpClient = createWebwxHttp({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    httpClient.jar.setCookieSync('webwx_data_ticket=gSd+tick/et=; Domain=.qq.com; Path=/; Secure', 'https://wx2.qq.com/');
    httpClient.jar.setCookieSync('wxuin=176666155; Domain=wx2.qq.com; Path=/; Secure', 'https://wx2.qq.com/');
    ctx = { http: httpClient, hosts: deriveHosts('wx2.qq.com'), credentials: { uin: 176666155, sid: 'sid', skey: '@crypt_sk', passTicket: 'pt%2Bx' } };
  });
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    ctx.http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const field = (s: Seen | undefined, name: string): string | undefined => s?.parts.find((p) => p.name === name)?.data.toString('utf8');
  const okUpload: Reply = (_q, res, s) => {
    const last = field(s, 'chunks') === undefined || Number(field(s, 'chunk')) === Number(field(s, 'chunks')) - 1;
    res.end(JSON.stringify({ BaseResponse: { Ret: 0, ErrMsg: '' }, MediaId: last ? '@crypt_media' : '', StartPos: last ? Number(field(s, 'size')) : 0, EncryFileName: 'x' }));
  };
  const bigFile = Buffer.from(Array.from({ length: 2 * UPLOAD_CHUNK_SIZE + 12345 }, (_, i) => (i * 31) % 251));
  const md5 = createHash('md5').update(bigFile).digest('hex');

  function expectChunkedUpload(name: string): void {
    expect(seen).toHaveLength(3);
    const requests = seen.map((s) => field(s, 'uploadmediarequest'));
    expect(new Set(requests).size).toBe(1);
    const req = JSON.parse(requests[0] ?? '{}') as Record<string, unknown>;
    expect(req).toMatchObject({ UploadType: 2, TotalLen: bigFile.length, StartPos: 0, DataLen: bigFile.length, MediaType: 4, FromUserName: '@self', ToUserName: '@peer', FileMd5: md5 });
    expect(Buffer.concat(seen.map((s) => s.parts.at(-1)?.data ?? Buffer.alloc(0))).equals(bigFile)).toBe(true);
    seen.forEach((s, i) => {
      expect(s.host).toBe('file.wx2.qq.com');
      expect(s.url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxuploadmedia');
      expect(s.url.searchParams.get('f')).toBe('json');
      expect(s.cookie).toContain('webwx_data_ticket=gSd+tick/et=');
      expect(s.parts.map((p) => p.name)).toEqual(['id', 'name', 'type', 'lastModifiedDate', 'size', 'chunks', 'chunk', 'mediatype', 'uploadmediarequest', 'webwx_data_ticket', 'pass_ticket', 'filename']);
      expect(field(s, 'chunks')).toBe('3');
      expect(field(s, 'chunk')).toBe(String(i));
      expect(field(s, 'name')).toBe(name);
      expect(s.parts.at(-1)?.fileName).toBe(name);
      expect(field(s, 'webwx_data_ticket')).toBe('gSd+tick/et=');
      expect(field(s, 'pass_ticket')).toBe('pt%2Bx');
      expect(field(s, 'mediatype')).toBe('doc');
    });
  }

  it('uploads a 1.1 MB buffer with a Chinese name in three sequential 512 KiB chunks', async () => {
    reply = okUpload;
    const r = await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', bytes: bigFile });
    expectChunkedUpload('季度报告.pdf');
    expect(r).toMatchObject({ mediaId: '@crypt_media', skipped: false, chunks: 3, md5, size: bigFile.length, mime: 'application/pdf', mediaType: 'doc' });
  });

  it('uploads the same bytes from a stream factory (hashed first) and from a bare stream with md5', async () => {
    reply = okUpload;
    const pieces = (): Readable => Readable.from([bigFile.subarray(0, 1000), bigFile.subarray(1000, 700_000), bigFile.subarray(700_000)]);
    await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', stream: pieces, size: bigFile.length });
    expectChunkedUpload('季度报告.pdf');
    seen.length = 0;
    await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', stream: pieces(), size: bigFile.length, md5 });
    expectChunkedUpload('季度报告.pdf');
  });

  it('refuses a bare stream without md5, a stream shorter or longer than size, and empty files', async () => {
    reply = okUpload;
    const base = { from: '@self', to: '@peer', fileName: 'a.bin' };
    await expect(uploadMedia(ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length })).rejects.toThrow(/pass md5/);
    await expect(uploadMedia(ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length + 1, md5 })).rejects.toThrow(/bytes than size|ended after/);
    await expect(uploadMedia(ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length - 1, md5 })).rejects.toThrow(/bytes than size/);
    const err = await uploadMedia(ctx, { ...base, bytes: Buffer.alloc(0) }).catch((e: unknown) => e);
    expect((err as ProtocolError).code).toBe('WEBWX_BAD_ARGUMENT');
  });

  it('sends a small file in one part without chunks/chunk, sniffing the type when the name has no extension', async () => {
    reply = okUpload;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 1)]);
    const r = await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: 'screenshot', bytes: png, fileIndex: 3 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.parts.map((p) => p.name)).not.toContain('chunks');
    expect(field(seen[0], 'id')).toBe('WU_FILE_3');
    expect(field(seen[0], 'type')).toBe('image/png');
    expect(field(seen[0], 'mediatype')).toBe('pic');
    expect(field(seen[0], 'size')).toBe(String(png.length));
    expect(r.chunks).toBe(1);
  });

  it('treats Ret 1205 (with its placeholder MediaId) and an empty MediaId as typed failures', async () => {
    reply = (_q, res) => res.end(JSON.stringify({ BaseResponse: { Ret: 1205, ErrMsg: '' }, MediaId: '@crypt_placeholder' }));
    const limited = await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(10) }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ServerRetError);
    expect((limited as ServerRetError).rateLimited).toBe(true);
    reply = (_q, res) => res.end(JSON.stringify({ BaseResponse: { Ret: 0, ErrMsg: '' }, MediaId: '' }));
    const empty = await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(10) }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(UploadFailedError);
    expect((empty as UploadFailedError).code).toBe('WEBWX_UPLOAD_FAILED');
  });

  it('stops at the first failing chunk', async () => {
    reply = (_q, res, s) => res.end(JSON.stringify({ BaseResponse: { Ret: field(s, 'chunk') === '1' ? 1205 : 0, ErrMsg: '' }, MediaId: '' }));
    await expect(uploadMedia(ctx, { from: '@self', to: '@peer', fileName: 'a.zip', bytes: bigFile })).rejects.toBeInstanceOf(ServerRetError);
    expect(seen).toHaveLength(2);
  });

  it('needs checkUpload above 25 MB, and skips the upload when checkUpload found the file', async () => {
    const big = { from: '@self', to: '@peer', fileName: 'huge.zip', stream: () => Readable.from([]), size: 26 * 1024 * 1024, md5: 'm' };
    await expect(uploadMedia(ctx, big)).rejects.toThrow(/checkUpload/);
    const r = await uploadMedia(ctx, { ...big, checkUpload: { mediaId: '@crypt_known', aesKey: '', signature: 'sig', encryFileName: 'e' } });
    expect(r).toMatchObject({ mediaId: '@crypt_known', skipped: true, chunks: 0, signature: 'sig' });
    expect(seen).toHaveLength(0);
  });

  it('puts AESKey and Signature from checkUpload into every uploadmediarequest', async () => {
    reply = okUpload;
    await uploadMedia(ctx, { from: '@self', to: '@peer', fileName: 'a.zip', bytes: bigFile, checkUpload: { mediaId: '', aesKey: 'aes', signature: 'sig', encryFileName: '' } });
    for (const s of seen) expect(JSON.parse(field(s, 'uploadmediarequest') ?? '{}')).toMatchObject({ AESKey: 'aes', Signature: 'sig' });
  });

  it('fails clearly without the webwx_data_ticket cookie', async () => {
    const bare = createWebwxHttp({ endpoint: ctx.http.endpoint });
    try {
      const err = await uploadMedia({ ...ctx, http: bare }, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(3) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingCookieError);
      await expect(getMedia({ ...ctx, http: bare }, { sender: '@a', mediaId: 'm', encryFileName: 'x' })).rejects.toBeInstanceOf(MissingCookieError);
    } finally {
      bare.close();
    }
  });

  const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(5000, 9)]);

  it('downloads an image labelled image/jpeg and sniffs the GIF; thumbnails ask type=slave', async () => {
    reply = (_q, res) => {
      res.setHeader('Content-Type', 'image/jpeg');
      res.end(gif);
    };
    const r = await getMsgImage(ctx, '123', { size: 'thumb' });
    expect(seen[0]?.url.searchParams.get('MsgID')).toBe('123');
    expect(seen[0]?.url.searchParams.get('type')).toBe('slave');
    expect(seen[0]?.url.searchParams.get('skey')).toBe('@crypt_sk');
    expect(r.empty).toBe(false);
    if (r.empty) return;
    expect(r.contentType).toBe('image/jpeg');
    expect(r.type).toEqual({ mime: 'image/gif', ext: 'gif' });
    expect(r.bytes).toEqual(gif);
  });

  it('sends Range: bytes=0- for videos, accepts 206, and reports a 0-byte body as empty (bytes and stream)', async () => {
    reply = (_q, res) => {
      res.writeHead(206, { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 0-0/0', 'Content-Length': '0' });
      res.end();
    };
    const r = await getVideo(ctx, '77');
    expect(seen[0]?.headers.range).toBe('bytes=0-');
    expect(r).toEqual({ empty: true, status: 206, contentType: 'video/mp4' });
    const s = await getVideo(ctx, '77', { stream: true });
    expect(s.empty).toBe(true);
  });

  it('streams a large body with its first bytes sniffed and nothing lost', async () => {
    const mp4 = Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'), Buffer.alloc(3 * 1024 * 1024, 5)]);
    reply = (_q, res) => {
      res.writeHead(206, { 'Content-Type': 'video/mp4' });
      // several writes: the client sees many chunks
      for (let i = 0; i < mp4.length; i += 100_000) res.write(mp4.subarray(i, i + 100_000));
      res.end();
    };
    const r = await getVideo(ctx, '78', { stream: true });
    expect(r.empty).toBe(false);
    if (r.empty) return;
    expect(r.type.ext).toBe('mp4');
    const chunks: Buffer[] = [];
    for await (const c of r.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(mp4)).toBe(true);
  });

  it('surfaces a connection reset mid-stream as a NetworkError on the stream, and an abort as AbortedError', async () => {
    reply = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': '100000' });
      res.write(gif.subarray(0, 1000));
      setTimeout(() => res.socket?.destroy(), 50);
    };
    const r = await getMsgImage(ctx, '1', { stream: true });
    if (r.empty) throw new Error('expected a body');
    const err = await (async () => {
      for await (const _ of r.stream) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);

    const ac = new AbortController();
    reply = (_q, res) => {
      res.writeHead(200);
      res.write(gif.subarray(0, 1000));
    };
    const r2 = await getMsgImage(ctx, '2', { stream: true, signal: ac.signal });
    if (r2.empty) throw new Error('expected a body');
    setTimeout(() => ac.abort(), 20);
    const err2 = await (async () => {
      for await (const _ of r2.stream) void _;
    })().catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(AbortedError);
  });

  it('rejects an unexpected status in stream mode as HttpStatusError, before any body is read', async () => {
    reply = (_q, res) => {
      res.statusCode = 404;
      res.end('<html>404</html>');
    };
    const err = await getVideo(ctx, '404', { stream: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(404);
  });

  it('asks webwxgetmedia on FILE with the ticket as query and cookie, the uin as fromuser, the encrypted name encoded once', async () => {
    reply = (_q, res) => res.end(Buffer.from('%PDF-1.4 ...'));
    const r = await getMedia(ctx, { sender: '@alice', mediaId: '@crypt_mid', encryFileName: '%E6%8A%A5%E5%91%8A.pdf' });
    const s = seen[0];
    expect(s?.host).toBe('file.wx2.qq.com');
    expect(s?.url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxgetmedia');
    expect(s?.url.search).toContain('encryfilename=%E6%8A%A5%E5%91%8A.pdf');
    expect(Object.fromEntries(s?.url.searchParams ?? [])).toMatchObject({ sender: '@alice', mediaid: '@crypt_mid', fromuser: '176666155', pass_ticket: 'pt%2Bx', webwx_data_ticket: 'gSd+tick/et=' });
    expect(s?.cookie).toContain('webwx_data_ticket=gSd+tick/et=');
    expect(!r.empty && r.type.ext).toBe('pdf');
  });
});

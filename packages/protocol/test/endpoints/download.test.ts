import { AbortedError, getMedia, getMsgImage, getVideo, HttpStatusError, NetworkError } from '@wxbot/protocol';
import { mediaWireServer } from '../helpers/media-wire';

describe('downloads on the wire', () => {
  const wire = mediaWireServer();

  const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(5000, 9)]);

  it('downloads an image labelled image/jpeg and sniffs the GIF; thumbnails ask type=slave', async () => {
    wire.reply = (_q, res) => {
      res.setHeader('Content-Type', 'image/jpeg');
      res.end(gif);
    };
    const r = await getMsgImage(wire.ctx, '123', { size: 'thumb' });
    expect(wire.seen[0]?.url.searchParams.get('MsgID')).toBe('123');
    expect(wire.seen[0]?.url.searchParams.get('type')).toBe('slave');
    expect(wire.seen[0]?.url.searchParams.get('skey')).toBe('@crypt_sk');
    expect(r.empty).toBe(false);
    if (r.empty) return;
    expect(r.contentType).toBe('image/jpeg');
    expect(r.type).toEqual({ mime: 'image/gif', ext: 'gif' });
    expect(r.bytes).toEqual(gif);
  });

  it('sends Range: bytes=0- for videos, accepts 206, and reports a 0-byte body as empty (bytes and stream)', async () => {
    wire.reply = (_q, res) => {
      res.writeHead(206, { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 0-0/0', 'Content-Length': '0' });
      res.end();
    };
    const r = await getVideo(wire.ctx, '77');
    expect(wire.seen[0]?.headers.range).toBe('bytes=0-');
    expect(r).toEqual({ empty: true, status: 206, contentType: 'video/mp4' });
    const s = await getVideo(wire.ctx, '77', { stream: true });
    expect(s.empty).toBe(true);
  });

  it('streams a large body with its first bytes sniffed and nothing lost', async () => {
    const mp4 = Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'), Buffer.alloc(3 * 1024 * 1024, 5)]);
    wire.reply = (_q, res) => {
      res.writeHead(206, { 'Content-Type': 'video/mp4' });
      // several writes: the client sees many chunks
      for (let i = 0; i < mp4.length; i += 100_000) res.write(mp4.subarray(i, i + 100_000));
      res.end();
    };
    const r = await getVideo(wire.ctx, '78', { stream: true });
    expect(r.empty).toBe(false);
    if (r.empty) return;
    expect(r.type.ext).toBe('mp4');
    const chunks: Buffer[] = [];
    for await (const c of r.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(mp4)).toBe(true);
  });

  it('surfaces a connection reset mid-stream as a NetworkError on the stream, and an abort as AbortedError', async () => {
    wire.reply = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': '100000' });
      res.write(gif.subarray(0, 1000));
      setTimeout(() => res.socket?.destroy(), 50);
    };
    const r = await getMsgImage(wire.ctx, '1', { stream: true });
    if (r.empty) throw new Error('expected a body');
    const err = await (async () => {
      for await (const _ of r.stream) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);

    const ac = new AbortController();
    wire.reply = (_q, res) => {
      res.writeHead(200);
      res.write(gif.subarray(0, 1000));
    };
    const r2 = await getMsgImage(wire.ctx, '2', { stream: true, signal: ac.signal });
    if (r2.empty) throw new Error('expected a body');
    setTimeout(() => ac.abort(), 20);
    const err2 = await (async () => {
      for await (const _ of r2.stream) void _;
    })().catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(AbortedError);
  });

  it('rejects an unexpected status in stream mode as HttpStatusError, before any body is read', async () => {
    wire.reply = (_q, res) => {
      res.statusCode = 404;
      res.end('<html>404</html>');
    };
    const err = await getVideo(wire.ctx, '404', { stream: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(404);
  });

  it('asks webwxgetmedia on FILE with the ticket as query and cookie, the uin as fromuser, the encrypted name encoded once', async () => {
    wire.reply = (_q, res) => res.end(Buffer.from('%PDF-1.4 ...'));
    const r = await getMedia(wire.ctx, { sender: '@alice', mediaId: '@crypt_mid', encryFileName: '%E6%8A%A5%E5%91%8A.pdf' });
    const s = wire.seen[0];
    expect(s?.host).toBe('file.wx2.qq.com');
    expect(s?.url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxgetmedia');
    expect(s?.url.search).toContain('encryfilename=%E6%8A%A5%E5%91%8A.pdf');
    expect(Object.fromEntries(s?.url.searchParams ?? [])).toMatchObject({ sender: '@alice', mediaid: '@crypt_mid', fromuser: '176666155', pass_ticket: 'pt%2Bx', webwx_data_ticket: 'gSd+tick/et=' });
    expect(s?.cookie).toContain('webwx_data_ticket=gSd+tick/et=');
    expect(!r.empty && r.type.ext).toBe('pdf');
  });
});

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createWebwxHttp, getMedia, MissingCookieError, ProtocolError, ServerRetError, UPLOAD_CHUNK_SIZE, UploadFailedError, uploadMedia } from '@wxbot/protocol';
import { field, mediaWireServer, type Reply } from '../helpers/media-wire';

describe('uploadMedia on the wire', () => {
  const wire = mediaWireServer();

  const okUpload: Reply = (_q, res, s) => {
    const last = field(s, 'chunks') === undefined || Number(field(s, 'chunk')) === Number(field(s, 'chunks')) - 1;
    res.end(JSON.stringify({ BaseResponse: { Ret: 0, ErrMsg: '' }, MediaId: last ? '@crypt_media' : '', StartPos: last ? Number(field(s, 'size')) : 0, EncryFileName: 'x' }));
  };
  const bigFile = Buffer.from(Array.from({ length: 2 * UPLOAD_CHUNK_SIZE + 12345 }, (_, i) => (i * 31) % 251));
  const md5 = createHash('md5').update(bigFile).digest('hex');

  function expectChunkedUpload(name: string): void {
    expect(wire.seen).toHaveLength(3);
    const requests = wire.seen.map((s) => field(s, 'uploadmediarequest'));
    expect(new Set(requests).size).toBe(1);
    const req = JSON.parse(requests[0] ?? '{}') as Record<string, unknown>;
    expect(req).toMatchObject({ UploadType: 2, TotalLen: bigFile.length, StartPos: 0, DataLen: bigFile.length, MediaType: 4, FromUserName: '@self', ToUserName: '@peer', FileMd5: md5 });
    expect(Buffer.concat(wire.seen.map((s) => s.parts.at(-1)?.data ?? Buffer.alloc(0))).equals(bigFile)).toBe(true);
    wire.seen.forEach((s, i) => {
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
    wire.reply = okUpload;
    const r = await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', bytes: bigFile });
    expectChunkedUpload('季度报告.pdf');
    expect(r).toMatchObject({ mediaId: '@crypt_media', skipped: false, chunks: 3, md5, size: bigFile.length, mime: 'application/pdf', mediaType: 'doc' });
  });

  it('uploads the same bytes from a stream factory (hashed first) and from a bare stream with md5', async () => {
    wire.reply = okUpload;
    const pieces = (): Readable => Readable.from([bigFile.subarray(0, 1000), bigFile.subarray(1000, 700_000), bigFile.subarray(700_000)]);
    await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', stream: pieces, size: bigFile.length });
    expectChunkedUpload('季度报告.pdf');
    wire.seen.length = 0;
    await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: '季度报告.pdf', stream: pieces(), size: bigFile.length, md5 });
    expectChunkedUpload('季度报告.pdf');
  });

  it('refuses a bare stream without md5, a stream shorter or longer than size, and empty files', async () => {
    wire.reply = okUpload;
    const base = { from: '@self', to: '@peer', fileName: 'a.bin' };
    await expect(uploadMedia(wire.ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length })).rejects.toThrow(/pass md5/);
    await expect(uploadMedia(wire.ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length + 1, md5 })).rejects.toThrow(/bytes than size|ended after/);
    await expect(uploadMedia(wire.ctx, { ...base, stream: Readable.from([bigFile]), size: bigFile.length - 1, md5 })).rejects.toThrow(/bytes than size/);
    const err = await uploadMedia(wire.ctx, { ...base, bytes: Buffer.alloc(0) }).catch((e: unknown) => e);
    expect((err as ProtocolError).code).toBe('WEBWX_BAD_ARGUMENT');
  });

  it('sends a small file in one part without chunks/chunk, sniffing the type when the name has no extension', async () => {
    wire.reply = okUpload;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 1)]);
    const r = await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: 'screenshot', bytes: png, fileIndex: 3 });
    expect(wire.seen).toHaveLength(1);
    expect(wire.seen[0]?.parts.map((p) => p.name)).not.toContain('chunks');
    expect(field(wire.seen[0], 'id')).toBe('WU_FILE_3');
    expect(field(wire.seen[0], 'type')).toBe('image/png');
    expect(field(wire.seen[0], 'mediatype')).toBe('pic');
    expect(field(wire.seen[0], 'size')).toBe(String(png.length));
    expect(r.chunks).toBe(1);
  });

  it('treats Ret 1205 (with its placeholder MediaId) and an empty MediaId as typed failures', async () => {
    wire.reply = (_q, res) => res.end(JSON.stringify({ BaseResponse: { Ret: 1205, ErrMsg: '' }, MediaId: '@crypt_placeholder' }));
    const limited = await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(10) }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ServerRetError);
    expect((limited as ServerRetError).rateLimited).toBe(true);
    wire.reply = (_q, res) => res.end(JSON.stringify({ BaseResponse: { Ret: 0, ErrMsg: '' }, MediaId: '' }));
    const empty = await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(10) }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(UploadFailedError);
    expect((empty as UploadFailedError).code).toBe('WEBWX_UPLOAD_FAILED');
  });

  it('stops at the first failing chunk', async () => {
    wire.reply = (_q, res, s) => res.end(JSON.stringify({ BaseResponse: { Ret: field(s, 'chunk') === '1' ? 1205 : 0, ErrMsg: '' }, MediaId: '' }));
    await expect(uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: 'a.zip', bytes: bigFile })).rejects.toBeInstanceOf(ServerRetError);
    expect(wire.seen).toHaveLength(2);
  });

  it('needs checkUpload above 25 MB, and skips the upload when checkUpload found the file', async () => {
    const big = { from: '@self', to: '@peer', fileName: 'huge.zip', stream: () => Readable.from([]), size: 26 * 1024 * 1024, md5: 'm' };
    await expect(uploadMedia(wire.ctx, big)).rejects.toThrow(/checkUpload/);
    const r = await uploadMedia(wire.ctx, { ...big, checkUpload: { mediaId: '@crypt_known', aesKey: '', signature: 'sig', encryFileName: 'e' } });
    expect(r).toMatchObject({ mediaId: '@crypt_known', skipped: true, chunks: 0, signature: 'sig' });
    expect(wire.seen).toHaveLength(0);
  });

  it('puts AESKey and Signature from checkUpload into every uploadmediarequest', async () => {
    wire.reply = okUpload;
    await uploadMedia(wire.ctx, { from: '@self', to: '@peer', fileName: 'a.zip', bytes: bigFile, checkUpload: { mediaId: '', aesKey: 'aes', signature: 'sig', encryFileName: '' } });
    for (const s of wire.seen) expect(JSON.parse(field(s, 'uploadmediarequest') ?? '{}')).toMatchObject({ AESKey: 'aes', Signature: 'sig' });
  });

  it('fails clearly without the webwx_data_ticket cookie', async () => {
    const bare = createWebwxHttp({ endpoint: wire.ctx.http.endpoint });
    try {
      const err = await uploadMedia({ ...wire.ctx, http: bare }, { from: '@self', to: '@peer', fileName: 'a.jpg', bytes: Buffer.alloc(3) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingCookieError);
      await expect(getMedia({ ...wire.ctx, http: bare }, { sender: '@a', mediaId: 'm', encryFileName: 'x' })).rejects.toBeInstanceOf(MissingCookieError);
    } finally {
      bare.close();
    }
  });
});

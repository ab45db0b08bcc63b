import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { bodyDecoders, decodeBody } from '../../src/http/decode';

const text = Buffer.from(JSON.stringify({ BaseResponse: { Ret: 0 }, Note: '中文 '.repeat(500) }));
// Incompressible and above the 32 KB inflated in line: takes the thread-pool path.
const large = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251));
const encoders: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  'x-gzip': (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  'deflate (raw, as some servers send it)': (b) => zlib.deflateRawSync(b),
  br: (b) => zlib.brotliCompressSync(b),
};
const headerOf = (name: string): string => name.split(' ')[0] ?? name;

async function viaStream(headers: Record<string, string | undefined>, status: number, body: Buffer): Promise<Buffer> {
  let stream: NodeJS.ReadableStream = Readable.from([body.subarray(0, 7), body.subarray(7)]);
  for (const decoder of bodyDecoders(headers, status)) stream = stream.pipe(decoder);
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

describe('response body decoding', () => {
  it.each(Object.keys(encoders))('decodes %s, small and large, in one piece and as a stream; the header is consumed', async (name) => {
    for (const plain of [text, large]) {
      const headers: Record<string, string | undefined> = { 'content-encoding': ` ${headerOf(name).toUpperCase()} ` };
      expect((await decodeBody(headers, 200, encoders[name]!(plain))).equals(plain)).toBe(true);
      expect(headers['content-encoding']).toBeUndefined();
      expect((await viaStream({ 'content-encoding': headerOf(name) }, 200, encoders[name]!(plain))).equals(plain)).toBe(true);
    }
  });

  it('passes identity, unknown codings, empty bodies and 204/304 answers through untouched', async () => {
    const gz = zlib.gzipSync(text);
    expect(await decodeBody({}, 200, text)).toBe(text);
    const unknown = { 'content-encoding': 'compress' };
    expect(await decodeBody(unknown, 200, gz)).toBe(gz);
    expect(unknown['content-encoding']).toBe('compress');
    expect(await decodeBody({ 'content-encoding': 'gzip' }, 304, gz)).toBe(gz);
    expect(await decodeBody({ 'content-encoding': 'gzip' }, 204, gz)).toBe(gz);
    expect((await decodeBody({ 'content-encoding': 'gzip' }, 200, Buffer.alloc(0))).length).toBe(0);
    expect(bodyDecoders({ 'content-encoding': 'identity' }, 200)).toEqual([]);
  });

  it('yields what arrived of a body cut short, for the parser to report, instead of a zlib error', async () => {
    const gz = zlib.gzipSync(text);
    const partial = await decodeBody({ 'content-encoding': 'gzip' }, 200, gz.subarray(0, Math.floor(gz.length / 2)));
    expect(partial.length).toBeGreaterThan(0);
    expect(text.subarray(0, partial.length).equals(partial)).toBe(true);
  });

  it('rejects a corrupt body', async () => {
    await expect(decodeBody({ 'content-encoding': 'gzip' }, 200, Buffer.from('\x1f\x8b not gzip at all', 'latin1'))).rejects.toThrow();
  });
});

import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * What a Chrome 120 (our User-Agent) accepts. The real server gzips large JSON
 * (webwxgetcontact runs to megabytes); media and Range downloads come back as identity.
 */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// Lenient flushing (as browsers and axios): a body cut short yields what arrived, and the
// caller's parser reports it, instead of a zlib error hiding the cause.
const ZLIB = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

const unzip = promisify(zlib.unzip);
const brotli = promisify(zlib.brotliDecompress);

type Headers = Record<string, string | string[] | undefined>;
type Coding = 'zlib' | 'br';

/**
 * Raw deflate: neither a gzip (0x1f) nor a zlib header (CM=8 in the low nibble). Servers that
 * say "deflate" often send it, and zlib's unzip refuses it.
 */
function isRawDeflate(chunk: Buffer): boolean {
  const first = chunk[0];
  return first !== undefined && first !== 0x1f && (first & 0x0f) !== 0x08;
}
// Prepended to raw deflate, it inflates as zlib (the missing trailer is tolerated by the lenient flush).
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);

/**
 * The body's coding if we can undo it, then dropped from `headers` (the caller sees the decoded
 * body). Unknown codings are left as they are, header included.
 */
function takeCoding(headers: Headers, status: number): Coding | undefined {
  const value = headers['content-encoding'];
  if (typeof value !== 'string' || status === 204 || status === 304) return undefined;
  const coding = value.trim().toLowerCase();
  const kind: Coding | undefined = coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate' ? 'zlib' : coding === 'br' ? 'br' : undefined;
  if (kind) delete headers['content-encoding'];
  return kind;
}

/**
 * Bodies up to this size (compressed) are inflated on the main thread. An inflate through the
 * thread pool costs ~250 µs of CPU even for the 100-byte answer of a send (the hand-off, not the
 * inflate), against ~7 µs in line; the burst profile showed it as the largest item (issue 17).
 * 32 KB of gzip'd JSON (a sync round of 100 messages is a few KB) inflates in about a
 * millisecond; larger bodies (contact lists run to megabytes) still go to the pool.
 */
const INLINE_INFLATE_MAX = 32 * 1024;

/** Decode a whole response body per its Content-Encoding; large bodies off the main thread. */
export async function decodeBody(headers: Headers, status: number, body: Buffer): Promise<Buffer> {
  const coding = takeCoding(headers, status);
  if (!coding || body.length === 0) return body;
  const inline = body.length <= INLINE_INFLATE_MAX;
  if (coding === 'br') return inline ? zlib.brotliDecompressSync(body, BROTLI) : brotli(body, BROTLI);
  const input = isRawDeflate(body) ? Buffer.concat([ZLIB_HEADER, body]) : body;
  return inline ? zlib.unzipSync(input, ZLIB) : unzip(input, ZLIB);
}

/** Prepends a zlib header to a raw-deflate stream (see ZLIB_HEADER). */
class ZlibHeaderFix extends Transform {
  private first = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (isRawDeflate(chunk)) this.push(ZLIB_HEADER);
    }
    callback(null, chunk);
  }
}

/**
 * The decoding stages for a streamed body, first to last, per its Content-Encoding (none for
 * identity). Errors on them are the caller's to map.
 */
export function bodyDecoders(headers: Headers, status: number): Transform[] {
  const coding = takeCoding(headers, status);
  if (coding === 'br') return [zlib.createBrotliDecompress(BROTLI)];
  if (coding === 'zlib') return [new ZlibHeaderFix(), zlib.createUnzip(ZLIB)];
  return [];
}

import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { UPLOAD_CHUNK_SIZE } from './upload-form';

/** Hex MD5 of an upload source (streams: a factory is opened once; a bare stream is consumed). */
export async function computeMd5(source: Buffer | Readable | (() => Readable)): Promise<string> {
  const hash = createHash('md5');
  if (Buffer.isBuffer(source)) return hash.update(source).digest('hex');
  for await (const chunk of typeof source === 'function' ? source() : source) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Consecutive Buffers of exactly `UPLOAD_CHUNK_SIZE` bytes (the last one shorter) from a stream. */
export async function* fixedChunks(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let have = 0;
  for await (const c of stream) {
    const buf = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
    pending.push(buf);
    have += buf.length;
    while (have >= UPLOAD_CHUNK_SIZE) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, UPLOAD_CHUNK_SIZE);
      pending = [all.subarray(UPLOAD_CHUNK_SIZE)];
      have -= UPLOAD_CHUNK_SIZE;
    }
  }
  if (have > 0) yield Buffer.concat(pending);
}


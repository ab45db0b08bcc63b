import { createHash } from 'node:crypto';

/**
 * Bytes of a media file, served in chunks. Large files (uploads of many
 * 512 KiB chunks, generated attachments of any size) are never concatenated:
 * downloads stream the chunks, and generated files are produced on the fly.
 */
export interface MediaBody {
  readonly length: number;
  chunks(): Iterable<Buffer>;
}

/** A body made of buffers already in memory (kept as separate chunks). */
export function bufferBody(parts: Buffer | Buffer[]): MediaBody {
  const list = Array.isArray(parts) ? parts : [parts];
  const length = list.reduce((n, b) => n + b.length, 0);
  return { length, chunks: () => list };
}

const FILL_CHUNK = 64 * 1024;

/**
 * `header` followed by deterministic filler up to `length` bytes, generated
 * lazily in 64 KiB chunks, so a 30 MB attachment costs 64 KiB of memory.
 */
export function generatedBody(header: Buffer, length: number, seed: number): MediaBody {
  const total = Math.max(length, 0);
  return {
    length: total,
    *chunks() {
      const head = header.subarray(0, total);
      if (head.length > 0) yield head;
      let left = total - head.length;
      if (left <= 0) return;
      const fill = Buffer.alloc(Math.min(FILL_CHUNK, left));
      // A cheap LCG pattern: not all zeros (clients may sniff), identical for identical seeds.
      let x = seed >>> 0 || 1;
      for (let i = 0; i < fill.length; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        fill[i] = 32 + ((x >>> 16) % 95);
      }
      while (left > 0) {
        const n = Math.min(left, fill.length);
        yield n === fill.length ? fill : fill.subarray(0, n);
        left -= n;
      }
    },
  };
}

/** Hex md5 of a body (streams through the chunks). */
export function md5Of(body: MediaBody): string {
  const hash = createHash('md5');
  for (const chunk of body.chunks()) hash.update(chunk);
  return hash.digest('hex');
}

/** Concatenates a (small) body; only for tests and tiny payloads. */
export function toBuffer(body: MediaBody): Buffer {
  return Buffer.concat([...body.chunks()]);
}

/** Bytes `start..end` (inclusive) of a body, still chunked. */
export function sliceBody(body: MediaBody, start: number, end: number): MediaBody {
  const from = Math.max(0, start);
  const to = Math.min(end, body.length - 1);
  return {
    length: Math.max(0, to - from + 1),
    *chunks() {
      let offset = 0;
      for (const chunk of body.chunks()) {
        const next = offset + chunk.length;
        if (next > from && offset <= to) yield chunk.subarray(Math.max(0, from - offset), Math.min(chunk.length, to - offset + 1));
        offset = next;
        if (offset > to) return;
      }
    },
  };
}

/** A zero-length body. */
export const EMPTY_BODY: MediaBody = { length: 0, chunks: () => [] };

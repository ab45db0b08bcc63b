import { createHash, type Hash } from 'node:crypto';

/** A chunked upload in progress. */
export interface PartialUpload {
  chunks: number;
  next: number;
  data: Buffer[];
  bytes: number;
  hash: Hash;
}

export type ChunkResult =
  | { state: 'more'; bytes: number }
  | { state: 'done'; data: Buffer[]; bytes: number; md5: string }
  | { state: 'error'; reason: string };

/**
 * Reassembles 512 KiB-chunked uploads (docs/protocol.md 9.5): chunks arrive
 * sequentially with 0-based `chunk` of `chunks`; the md5 is computed as they
 * arrive. Chunk 0 (re)starts an upload, so a client may retry from scratch;
 * an out-of-order chunk is refused and leaves the upload as it was, so the
 * right chunk can still follow.
 */
export class ChunkAssembler {
  private readonly pending = new Map<string, PartialUpload>();

  add(key: string, chunk: number, chunks: number, data: Buffer[], maxBytes: number): ChunkResult {
    if (!Number.isInteger(chunks) || chunks < 1 || !Number.isInteger(chunk) || chunk < 0 || chunk >= chunks) {
      return { state: 'error', reason: `bad chunk ${chunk} of ${chunks}` };
    }
    let partial = this.pending.get(key);
    if (chunk === 0) {
      partial = { chunks, next: 0, data: [], bytes: 0, hash: createHash('md5') };
      this.pending.set(key, partial);
    }
    if (!partial || partial.next !== chunk || partial.chunks !== chunks) {
      return { state: 'error', reason: `chunk ${chunk} out of order (expected ${partial?.next ?? 0} of ${partial?.chunks ?? chunks})` };
    }
    for (const b of data) {
      partial.data.push(b);
      partial.hash.update(b);
      partial.bytes += b.length;
    }
    partial.next += 1;
    if (partial.bytes > maxBytes) {
      this.pending.delete(key);
      return { state: 'error', reason: `more bytes than TotalLen (${maxBytes})` };
    }
    if (partial.next < partial.chunks) return { state: 'more', bytes: partial.bytes };
    this.pending.delete(key);
    return { state: 'done', data: partial.data, bytes: partial.bytes, md5: partial.hash.digest('hex') };
  }

  /** A single-part upload (no chunks/chunk fields). */
  static whole(data: Buffer[]): { data: Buffer[]; bytes: number; md5: string } {
    const hash = createHash('md5');
    let bytes = 0;
    for (const b of data) {
      hash.update(b);
      bytes += b.length;
    }
    return { data, bytes, md5: hash.digest('hex') };
  }
}

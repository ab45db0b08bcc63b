import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { computeMd5, UPLOAD_CHUNK_SIZE } from '@wxbot/protocol';
import { fixedChunks } from '../../src/media/upload-source';

const bytes = Buffer.from(Array.from({ length: 2 * UPLOAD_CHUNK_SIZE + 777 }, (_, i) => (i * 7) % 256));
const md5 = createHash('md5').update(bytes).digest('hex');
/** The bytes in uneven pieces, as a file or socket stream delivers them. */
const pieces = (): Readable => Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 300_000), bytes.subarray(300_000, 600_000), bytes.subarray(600_000)]);

describe('upload sources', () => {
  it('hashes a Buffer, a bare stream and a stream factory alike', async () => {
    expect(await computeMd5(bytes)).toBe(md5);
    expect(await computeMd5(pieces())).toBe(md5);
    expect(await computeMd5(pieces)).toBe(md5);
    expect(await computeMd5(Buffer.alloc(0))).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('re-cuts a stream into 512 KiB chunks, the last one shorter, losing nothing', async () => {
    const chunks: Buffer[] = [];
    for await (const c of fixedChunks(pieces())) chunks.push(c);
    expect(chunks.map((c) => c.length)).toEqual([UPLOAD_CHUNK_SIZE, UPLOAD_CHUNK_SIZE, 777]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    const exact: Buffer[] = [];
    for await (const c of fixedChunks(Readable.from([bytes.subarray(0, UPLOAD_CHUNK_SIZE)]))) exact.push(c);
    expect(exact.map((c) => c.length)).toEqual([UPLOAD_CHUNK_SIZE]);
    const none: Buffer[] = [];
    for await (const c of fixedChunks(Readable.from([]))) none.push(c);
    expect(none).toEqual([]);
  });

  it('accepts string chunks', async () => {
    const out: Buffer[] = [];
    for await (const c of fixedChunks(Readable.from(['ab', 'cd'], { objectMode: true }))) out.push(c);
    expect(Buffer.concat(out).toString()).toBe('abcd');
  });
});

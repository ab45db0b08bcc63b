import { createHash } from 'node:crypto';
import { ChunkAssembler } from '../../src/media/chunk-assembler';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('ChunkAssembler (chunked webwxuploadmedia)', () => {
  it('collects chunks 0..n-1 in order and answers the whole with its md5', () => {
    const a = new ChunkAssembler();
    expect(a.add('k', 0, 3, [Buffer.from('ab')], 10)).toEqual({ state: 'more', bytes: 2 });
    expect(a.add('k', 1, 3, [Buffer.from('c'), Buffer.from('d')], 10)).toEqual({ state: 'more', bytes: 4 });
    const done = a.add('k', 2, 3, [Buffer.from('e')], 10);
    expect(done).toMatchObject({ state: 'done', bytes: 5, md5: md5('abcde') });
    expect(done.state === 'done' && Buffer.concat(done.data).toString()).toBe('abcde');
    // finished: a further chunk has nothing to join
    expect(a.add('k', 1, 3, [], 10)).toEqual({ state: 'error', reason: 'chunk 1 out of order (expected 0 of 3)' });
  });

  it('refuses bad numbers, a chunk out of order or with another count, and more bytes than TotalLen', () => {
    const a = new ChunkAssembler();
    expect(a.add('k', 3, 3, [], 10)).toEqual({ state: 'error', reason: 'bad chunk 3 of 3' });
    expect(a.add('k', 0, 0, [], 10)).toEqual({ state: 'error', reason: 'bad chunk 0 of 0' });
    expect(a.add('k', -1, 2, [], 10).state).toBe('error');
    a.add('k', 0, 3, [Buffer.from('a')], 10);
    expect(a.add('k', 2, 3, [], 10)).toEqual({ state: 'error', reason: 'chunk 2 out of order (expected 1 of 3)' });
    expect(a.add('k', 1, 4, [], 10)).toEqual({ state: 'error', reason: 'chunk 1 out of order (expected 1 of 3)' });
    expect(a.add('k', 1, 3, [Buffer.alloc(20)], 10)).toEqual({ state: 'error', reason: 'more bytes than TotalLen (10)' });
    expect(a.add('k', 2, 3, [], 10).state).toBe('error');
  });

  it('keeps uploads apart by key, and a new chunk 0 restarts one', () => {
    const a = new ChunkAssembler();
    a.add('x', 0, 2, [Buffer.from('x1')], 10);
    a.add('y', 0, 2, [Buffer.from('y1')], 10);
    a.add('x', 0, 2, [Buffer.from('X1')], 10);
    expect(a.add('y', 1, 2, [Buffer.from('y2')], 10)).toMatchObject({ state: 'done', md5: md5('y1y2') });
    expect(a.add('x', 1, 2, [Buffer.from('x2')], 10)).toMatchObject({ state: 'done', md5: md5('X1x2') });
    expect(ChunkAssembler.whole([Buffer.from('ab'), Buffer.from('c')])).toMatchObject({ bytes: 3, md5: md5('abc') });
  });
});

import { bufferBody, EMPTY_BODY, generatedBody, md5Of, sliceBody, toBuffer } from '../../src/media/media-body';

describe('media bodies', () => {
  it('a buffer body is its parts in order', () => {
    const b = bufferBody([Buffer.from('ab'), Buffer.from('cde')]);
    expect(b.length).toBe(5);
    expect(toBuffer(b).toString()).toBe('abcde');
    expect(md5Of(bufferBody(Buffer.from('hello')))).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(toBuffer(EMPTY_BODY).length).toBe(0);
  });

  it('a generated body starts with its header, has the exact length, printable filler, the same bytes for the same seed', () => {
    const header = Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1');
    const big = generatedBody(header, 200_000, 7);
    const bytes = toBuffer(big);
    expect(bytes.length).toBe(200_000);
    expect(big.length).toBe(200_000);
    expect(bytes.subarray(0, header.length).equals(header)).toBe(true);
    for (const b of bytes.subarray(header.length, header.length + 1000)) expect(b >= 32 && b < 127).toBe(true);
    expect(md5Of(generatedBody(header, 200_000, 7))).toBe(md5Of(big));
    expect(md5Of(generatedBody(header, 200_000, 8))).not.toBe(md5Of(big));
    expect(toBuffer(generatedBody(header, 4, 1))).toEqual(header.subarray(0, 4));
    expect(generatedBody(header, -5, 1).length).toBe(0);
  });

  it('slices any inclusive byte range, across chunk borders, clamped to the body (Range requests)', () => {
    const whole = Buffer.from('0123456789');
    const body = bufferBody([whole.subarray(0, 3), whole.subarray(3, 4), whole.subarray(4)]);
    for (let start = 0; start < 10; start++) {
      for (let end = start; end < 12; end++) {
        const s = sliceBody(body, start, end);
        const want = whole.subarray(start, Math.min(end, 9) + 1);
        expect([start, end, toBuffer(s).toString()]).toEqual([start, end, want.toString()]);
        expect(s.length).toBe(want.length);
      }
    }
    expect(sliceBody(body, 11, 20).length).toBe(0);
    expect(toBuffer(sliceBody(body, -3, 1)).toString()).toBe('01');
  });
});

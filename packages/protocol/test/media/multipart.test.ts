import fc from 'fast-check';
import { buildMultipart, escapeDispositionValue } from '@wxbot/protocol';
import { boundaryOf, parseMultipart } from '../helpers/multipart-parse';

describe('multipart body', () => {
  it('is byte-exact: boundary lines, headers, CRLFs, closing delimiter', () => {
    const { body, contentType } = buildMultipart([{ name: 'id', value: 'WU_FILE_0' }, { name: 'filename', fileName: 'a.bin', contentType: 'application/octet-stream', data: Buffer.from('xy') }], 'BOUND');
    expect(contentType).toBe('multipart/form-data; boundary=BOUND');
    expect(body.toString('latin1')).toBe(
      '--BOUND\r\nContent-Disposition: form-data; name="id"\r\n\r\nWU_FILE_0\r\n' +
        '--BOUND\r\nContent-Disposition: form-data; name="filename"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\nxy\r\n' +
        '--BOUND--\r\n',
    );
  });

  it('writes the UTF-8 bytes of a non-ASCII file name raw, as browsers do', () => {
    const { body } = buildMultipart([{ name: 'filename', fileName: '图片.png', contentType: 'image/png', data: Buffer.alloc(1) }], 'B');
    expect(body.includes(Buffer.from('filename="图片.png"', 'utf8'))).toBe(true);
    expect(body.toString('latin1')).not.toMatch(/filename\*=/);
    expect(escapeDispositionValue('a"b\r\nc')).toBe('a%22b%0D%0Ac');
  });

  it('round-trips any field values and file bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/["\r\n]/.test(s)), fc.string()), { maxLength: 5 }), fc.uint8Array({ maxLength: 300 }), (fields, bytes) => {
        const { body, contentType } = buildMultipart([...fields.map(([name, value]) => ({ name, value })), { name: 'filename', fileName: 'f', contentType: 'application/octet-stream', data: Buffer.from(bytes) }]);
        const parts = parseMultipart(body, boundaryOf(contentType));
        expect(parts.map((p) => [p.name, p.data.toString('utf8')]).slice(0, -1)).toEqual(fields.map(([n, v]) => [n, Buffer.from(v, 'utf8').toString('utf8')]));
        expect(parts.at(-1)?.data).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { buildMultipart, planChunks, UPLOAD_CHUNK_SIZE, uploadFormParts, uploadMediaType, type UploadMediaRequest } from '@wxbot/protocol';
import { boundaryOf, parseMultipart } from '../helpers/multipart-parse';

describe('planChunks', () => {
  it('sends files of at most 512 KiB in one part, bigger ones in 512 KiB chunks', () => {
    expect(planChunks(1)).toEqual([{ index: 0, start: 0, end: 1 }]);
    expect(planChunks(UPLOAD_CHUNK_SIZE)).toHaveLength(1);
    expect(planChunks(UPLOAD_CHUNK_SIZE + 1)).toEqual([
      { index: 0, start: 0, end: UPLOAD_CHUNK_SIZE },
      { index: 1, start: UPLOAD_CHUNK_SIZE, end: UPLOAD_CHUNK_SIZE + 1 },
    ]);
    expect(() => planChunks(-1)).toThrow(RangeError);
  });

  it('covers every byte exactly once, in order, with full chunks except the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 * UPLOAD_CHUNK_SIZE }), (size) => {
        const plan = planChunks(size);
        let next = 0;
        plan.forEach((c, i) => {
          expect(c.index).toBe(i);
          expect(c.start).toBe(next);
          expect(c.end).toBeGreaterThan(c.start);
          if (i < plan.length - 1) expect(c.end - c.start).toBe(UPLOAD_CHUNK_SIZE);
          next = c.end;
        });
        expect(next).toBe(size);
        expect(plan.length).toBe(size <= UPLOAD_CHUNK_SIZE ? 1 : Math.ceil(size / UPLOAD_CHUNK_SIZE));
      }),
    );
  });
});

describe('uploadMediaType', () => {
  it.each([
    ['a.jpg', 'pic'], ['a.JPEG', 'pic'], ['a.png', 'pic'], ['a.bmp', 'pic'], ['a.gif', 'doc'],
    ['a.mp4', 'video'], ['a.mov', 'doc'], ['报告.pdf', 'doc'], ['noext', 'doc'],
  ])('%s -> %s', (name, type) => expect(uploadMediaType(name)).toBe(type));
  it('uses the mime type for names without extension', () => {
    expect(uploadMediaType('photo', 'image/png')).toBe('pic');
    expect(uploadMediaType('clip', 'video/mp4')).toBe('video');
  });
});

describe('uploadFormParts', () => {
  const request: UploadMediaRequest = {
    UploadType: 2, BaseRequest: { Uin: 1, Sid: 's', Skey: '@crypt_k', DeviceID: 'e123456789012345' }, ClientMediaId: 1700000000000,
    TotalLen: 3, StartPos: 0, DataLen: 3, MediaType: 4, FromUserName: '@self', ToUserName: '@peer', FileMd5: 'abc',
  };
  const input = {
    fileIndex: 2, fileName: '报告 "final".pdf', mime: 'application/pdf', lastModifiedDate: 'Sat Jun 23 2018 16:45:07 GMT+0800 (中国标准时间)',
    size: 3, mediaType: 'doc' as const, request, dataTicket: 'gSd+ticket=', passTicket: 'pt%2B', data: Buffer.from([0, 13, 10]),
  };

  it('keeps the browser field order without chunk fields for a single part', () => {
    const { body, contentType } = buildMultipart(uploadFormParts(input));
    const parts = parseMultipart(body, boundaryOf(contentType));
    expect(boundaryOf(contentType)).toMatch(/^----WebKitFormBoundary[A-Za-z0-9]{16}$/);
    expect(parts.map((p) => p.name)).toEqual(['id', 'name', 'type', 'lastModifiedDate', 'size', 'mediatype', 'uploadmediarequest', 'webwx_data_ticket', 'pass_ticket', 'filename']);
    const value = (n: string): string => parts.find((p) => p.name === n)?.data.toString('utf8') ?? '';
    expect(value('id')).toBe('WU_FILE_2');
    expect(value('name')).toBe('报告 "final".pdf');
    expect(value('lastModifiedDate')).toBe(input.lastModifiedDate);
    expect(JSON.parse(value('uploadmediarequest'))).toEqual(request);
    expect(value('webwx_data_ticket')).toBe('gSd+ticket=');
    const file = parts.at(-1);
    expect(file?.fileName).toBe('报告 %22final%22.pdf');
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.data).toEqual(Buffer.from([0, 13, 10]));
  });

  it('puts chunks/chunk between size and mediatype when chunked', () => {
    const { body, contentType } = buildMultipart(uploadFormParts({ ...input, chunk: { index: 1, count: 3 } }));
    const parts = parseMultipart(body, boundaryOf(contentType));
    expect(parts.map((p) => p.name).slice(4, 8)).toEqual(['size', 'chunks', 'chunk', 'mediatype']);
    expect(parts[5]?.data.toString()).toBe('3');
    expect(parts[6]?.data.toString()).toBe('1');
  });
});

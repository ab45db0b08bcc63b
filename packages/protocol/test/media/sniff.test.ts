import fc from 'fast-check';
import { parseStringPromise } from 'xml2js';
import {
  buildMultipart,
  canRevoke,
  clientMsgIdTime,
  escapeDispositionValue,
  fileAppMsgXml,
  mentionMsgSource,
  newClientMsgId,
  planChunks,
  shouldInvite,
  sniffMediaType,
  UNKNOWN_MEDIA_TYPE,
  UPLOAD_CHUNK_SIZE,
  uploadFormParts,
  uploadMediaType,
  WEB_FILE_APPID,
  type UploadMediaRequest,
} from '@wxbot/protocol';
import { boundaryOf, parseMultipart } from './helpers/multipart-parse';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const withTail = (head: Buffer | string, n = 24): Buffer => Buffer.concat([Buffer.isBuffer(head) ? head : Buffer.from(head, 'latin1'), Buffer.alloc(n, 7)]);

describe('sniffMediaType', () => {
  it.each([
    ['GIF89a', withTail('GIF89a'), 'image/gif', 'gif'],
    ['GIF87a', withTail('GIF87a'), 'image/gif', 'gif'],
    ['PNG', withTail(hex('89504e470d0a1a0a')), 'image/png', 'png'],
    ['JPEG', withTail(hex('ffd8ffe0')), 'image/jpeg', 'jpg'],
    ['WEBP', withTail('RIFF\x10\x00\x00\x00WEBPVP8 '), 'image/webp', 'webp'],
    ['BMP', withTail(Buffer.concat([Buffer.from('BM'), hex('36000000 00000000 36000000')])), 'image/bmp', 'bmp'],
    ['MP4', withTail('\x00\x00\x00\x18ftypisom'), 'video/mp4', 'mp4'],
    ['MOV', withTail('\x00\x00\x00\x14ftypqt  '), 'video/quicktime', 'mov'],
    ['MP3 with ID3', withTail('ID3\x04\x00'), 'audio/mpeg', 'mp3'],
    ['MP3 frame sync', withTail(hex('fffb9064')), 'audio/mpeg', 'mp3'],
    ['AMR', withTail('#!AMR\n'), 'audio/amr', 'amr'],
    ['SILK', withTail('#!SILK_V3'), 'audio/silk', 'silk'],
    ['SILK after 0x02', withTail('\x02#!SILK_V3'), 'audio/silk', 'silk'],
    ['PDF', withTail('%PDF-1.7'), 'application/pdf', 'pdf'],
    ['ZIP', withTail(hex('504b0304')), 'application/zip', 'zip'],
    ['OGG', withTail('OggS'), 'audio/ogg', 'ogg'],
  ])('%s', (_name, bytes, mime, ext) => {
    expect(sniffMediaType(bytes)).toEqual({ mime, ext });
  });

  it('answers the unknown type for empty, short and unrecognised input', () => {
    expect(sniffMediaType(Buffer.alloc(0))).toEqual(UNKNOWN_MEDIA_TYPE);
    expect(sniffMediaType(Buffer.from('GIF'))).toEqual(UNKNOWN_MEDIA_TYPE);
    expect(sniffMediaType(Buffer.from('hello, plain text'))).toEqual(UNKNOWN_MEDIA_TYPE);
    // 0xff 0xfb with an invalid bitrate index (15) is not an MPEG frame
    expect(sniffMediaType(hex('fffbf064'))).toEqual(UNKNOWN_MEDIA_TYPE);
  });

  it('never throws and always answers a mime and an extension, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const t = sniffMediaType(bytes);
        return /^[a-z]+\/[a-z0-9.+-]+$/.test(t.mime) && /^[a-z0-9]+$/.test(t.ext);
      }),
      { numRuns: 2000 },
    );
  });
});

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

describe('multipart body', () => {
  const request: UploadMediaRequest = {
    UploadType: 2, BaseRequest: { Uin: 1, Sid: 's', Skey: '@crypt_k', DeviceID: 'e123456789012345' }, ClientMediaId: 1700000000000,
    TotalLen: 3, StartPos: 0, DataLen: 3, MediaType: 4, FromUserName: '@self', ToUserName: '@peer', FileMd5: 'abc',
  };
  const input = {
    fileIndex: 2, fileName: '报告 "final".pdf', mime: 'application/pdf', lastModifiedDate: 'Sat Jun 23 2018 16:45:07 GMT+0800 (中国标准时间)',
    size: 3, mediaType: 'doc' as const, request, dataTicket: 'gSd+ticket=', passTicket: 'pt%2B', data: Buffer.from([0, 13, 10]),
  };

  it('is byte-exact: boundary lines, headers, CRLFs, closing delimiter', () => {
    const { body, contentType } = buildMultipart([{ name: 'id', value: 'WU_FILE_0' }, { name: 'filename', fileName: 'a.bin', contentType: 'application/octet-stream', data: Buffer.from('xy') }], 'BOUND');
    expect(contentType).toBe('multipart/form-data; boundary=BOUND');
    expect(body.toString('latin1')).toBe(
      '--BOUND\r\nContent-Disposition: form-data; name="id"\r\n\r\nWU_FILE_0\r\n' +
        '--BOUND\r\nContent-Disposition: form-data; name="filename"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\nxy\r\n' +
        '--BOUND--\r\n',
    );
  });

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

  it('writes the UTF-8 bytes of a non-ASCII file name raw, as browsers do', () => {
    const { body } = buildMultipart([{ name: 'filename', fileName: '图片.png', contentType: 'image/png', data: Buffer.alloc(1) }], 'B');
    expect(body.includes(Buffer.from('filename="图片.png"', 'utf8'))).toBe(true);
    expect(body.toString('latin1')).not.toMatch(/filename\*=/);
    expect(escapeDispositionValue('a"b\r\nc')).toBe('a%22b%0D%0Ac');
  });

  it('puts chunks/chunk between size and mediatype when chunked', () => {
    const { body, contentType } = buildMultipart(uploadFormParts({ ...input, chunk: { index: 1, count: 3 } }));
    const parts = parseMultipart(body, boundaryOf(contentType));
    expect(parts.map((p) => p.name).slice(4, 8)).toEqual(['size', 'chunks', 'chunk', 'mediatype']);
    expect(parts[5]?.data.toString()).toBe('3');
    expect(parts[6]?.data.toString()).toBe('1');
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

describe('file appmsg XML', () => {
  it('matches docs/protocol.md 9.8 for a plain name', () => {
    expect(fileAppMsgXml({ fileName: 'a.pdf', size: 1234, mediaId: '@crypt_m', appId: WEB_FILE_APPID })).toBe(
      "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>a.pdf</title><des></des><action></action><type>6</type><content></content>" +
        '<url></url><lowurl></lowurl><appattach><totallen>1234</totallen><attachid>@crypt_m</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>',
    );
  });

  it.each(['R&D <draft> "v2" it\'s.txt', '报告&amp;.pdf', 'a<b>c.x&y'])('escapes %s so that it parses back to the same name', async (name) => {
    const xml = fileAppMsgXml({ fileName: name, size: 1, mediaId: '@m', appId: '' });
    const doc = (await parseStringPromise(xml)) as { appmsg: { $: { appid: string }; title: string[]; appattach: Array<{ fileext: string[] }> } };
    expect(doc.appmsg.title[0]).toBe(name);
    expect(doc.appmsg.$.appid).toBe('');
    expect(name.endsWith(doc.appmsg.appattach[0]?.fileext[0] ?? '?')).toBe(true);
  });
});

describe('canRevoke', () => {
  const sent = 1_700_000_000_000;
  const id = newClientMsgId(sent);
  it('derives the send time from the first 13 digits of the ClientMsgId', () => {
    expect(id).toHaveLength(17);
    expect(clientMsgIdTime(id)).toBe(sent);
    expect(clientMsgIdTime('abc')).toBeUndefined();
  });
  it('allows less than 2 minutes after sending, not at or after 2 minutes', () => {
    expect(canRevoke(id, sent)).toBe(true);
    expect(canRevoke(id, sent + 119_999)).toBe(true);
    expect(canRevoke(id, sent + 120_000)).toBe(false);
    expect(canRevoke(id, sent + 3_600_000)).toBe(false);
    expect(canRevoke('not-an-id', sent)).toBe(false);
  });
  it('agrees with the age for any send time and delay', () => {
    fc.assert(fc.property(fc.integer({ min: 1e12, max: 9e12 }), fc.integer({ min: 0, max: 1e6 }), (t, age) => canRevoke(newClientMsgId(t), t + age) === age < 120_000));
  });
});

describe('shouldInvite', () => {
  it('invites once the group would reach InviteStartCount', () => {
    expect(shouldInvite(10, 2, 40)).toBe(false);
    expect(shouldInvite(38, 1, 40)).toBe(false);
    expect(shouldInvite(39, 1, 40)).toBe(true);
    expect(shouldInvite(40, 1, 40)).toBe(true);
    expect(shouldInvite(3, 37)).toBe(true);
  });
  it('is monotonic in the count and the number added', () => {
    fc.assert(fc.property(fc.nat(500), fc.nat(500), fc.integer({ min: 1, max: 500 }), (n, k, start) => !shouldInvite(n, k, start) || (shouldInvite(n + 1, k, start) && shouldInvite(n, k + 1, start))));
  });
});

describe('mentionMsgSource', () => {
  it('lists the mentioned UserNames and the room as the official client does', () => {
    expect(mentionMsgSource(['@a', '@b'], '@@room')).toBe('<msgsource><atusername>@a,@b</atusername><atchatroomname>@@room</atchatroomname></msgsource>');
  });
});

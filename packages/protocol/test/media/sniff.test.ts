import fc from 'fast-check';
import { sniffMediaType, UNKNOWN_MEDIA_TYPE } from '@wxbot/protocol';

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

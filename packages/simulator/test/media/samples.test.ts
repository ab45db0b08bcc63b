import { toBuffer } from '../../src/media/media-body';
import { sampleFile, sampleGif, sampleJpeg, sampleMp3, sampleMp4 } from '../../src/media/samples';

/** The boxes of an MP4 as [type, size], checking that the sizes tile the file exactly. */
function boxes(mp4: Buffer): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let at = 0; at < mp4.length; ) {
    const size = mp4.readUInt32BE(at);
    if (size < 8) throw new Error(`bad box size ${size} at ${at}`);
    out.push([mp4.toString('latin1', at + 4, at + 8), size]);
    at += size;
    if (at > mp4.length) throw new Error('box runs past the end');
  }
  return out;
}

describe('sample media (tagged, so a test can tell which message its bytes came from)', () => {
  it('JPEG: SOI, then a COM segment with the tag and its length, the image, EOI', () => {
    const jpeg = sampleJpeg('msg-42');
    expect(jpeg.subarray(0, 4).toString('hex')).toBe('ffd8fffe');
    expect(jpeg.readUInt16BE(4)).toBe('msg-42'.length + 2);
    expect(jpeg.subarray(6, 12).toString('latin1')).toBe('msg-42');
    expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9');
    expect(sampleJpeg('a').equals(sampleJpeg('b'))).toBe(false);
  });

  it('GIF: GIF89a with the tag in a comment extension before the image, ending in the trailer', () => {
    const gif = sampleGif('tag-7');
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gif.subarray(19, 22)).toEqual(Buffer.from([0x21, 0xfe, 5]));
    expect(gif.subarray(22, 27).toString('latin1')).toBe('tag-7');
    expect(gif[27]).toBe(0);
    expect(gif.at(-1)).toBe(0x3b);
  });

  it('MP3: an ID3v2.3 tag with a syncsafe size, then MPEG frames for about the duration', () => {
    const mp3 = sampleMp3('voice-1', 2600);
    expect(mp3.subarray(0, 4).toString('latin1')).toBe('ID3\x03');
    const size = (mp3[6]! << 21) | (mp3[7]! << 14) | (mp3[8]! << 7) | mp3[9]!;
    expect(mp3.subarray(10, 14).toString('latin1')).toBe('TIT2');
    const frames = mp3.subarray(10 + size);
    expect(frames.length).toBe(100 * 417);
    expect(frames.subarray(0, 2).toString('hex')).toBe('fffb');
    expect(sampleMp3('x', 60 * 60_000).length).toBe(10 + 10 + 2 + 120 * 417);
  });

  it('MP4: ftyp, a free box with the tag, and mdat, sizes tiling the file', () => {
    const mp4 = sampleMp4('video-9', 100);
    expect(boxes(mp4)).toEqual([['ftyp', 32], ['free', 15], ['mdat', 108]]);
    expect(mp4.subarray(8, 12).toString('latin1')).toBe('isom');
    expect(mp4.includes(Buffer.from('video-9'))).toBe(true);
  });

  it('files: the header of their type, then filler up to the exact size', () => {
    const pdf = toBuffer(sampleFile('报告.PDF', 5000, 'doc-1', 3));
    expect(pdf.length).toBe(5000);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(toBuffer(sampleFile('a.docx', 100, 't', 1)).subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(toBuffer(sampleFile('a.png', 100, 't', 1)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(toBuffer(sampleFile('notes', 10, 'hello', 1)).subarray(0, 6).toString()).toBe('hello\n');
  });
});

import { qrJpeg } from '../login/qr-image';
import { bufferBody, generatedBody, type MediaBody } from './media-body';

/**
 * Small but structurally real media files for messages injected without
 * bytes: each starts with the right magic (JPEG SOI, `GIF89a`, ID3 + MPEG
 * frames, an MP4 `ftyp` box) and embeds a tag (the MsgId) so two messages
 * never share an md5.
 */

/** JPEG with a COM segment after SOI carrying `tag`. */
export function sampleJpeg(tag: string): Buffer {
  const base = qrJpeg();
  const text = Buffer.from(tag, 'latin1').subarray(0, 60000);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]);
}

// 1x1 transparent GIF89a; the comment extension goes after the 2-colour global table (offset 19).
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** Animated-sticker stand-in: starts with `GIF89a` (clients sniff it; the server labels it image/jpeg). */
export function sampleGif(tag: string): Buffer {
  const text = Buffer.from(tag, 'latin1').subarray(0, 255);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
  return Buffer.concat([GIF.subarray(0, 19), comment, GIF.subarray(19)]);
}

/** 1x1 PNG, for generated `.png` attachments. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** ID3v2.3 tag (TIT2 = tag) then silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, ~26 ms each). */
export function sampleMp3(tag: string, durationMs = 1000): Buffer {
  const title = Buffer.concat([Buffer.from([0]), Buffer.from(tag, 'latin1')]);
  const frameHeader = Buffer.alloc(10);
  frameHeader.write('TIT2', 0, 'latin1');
  frameHeader.writeUInt32BE(title.length, 4);
  const frames = Buffer.concat([frameHeader, title]);
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  // Syncsafe size (7 bits per byte).
  const size = frames.length;
  id3[6] = (size >> 21) & 0x7f;
  id3[7] = (size >> 14) & 0x7f;
  id3[8] = (size >> 7) & 0x7f;
  id3[9] = size & 0x7f;
  const count = Math.min(Math.max(Math.ceil(durationMs / 26), 1), 120);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64], 0);
  return Buffer.concat([id3, frames, ...Array.from({ length: count }, () => frame)]);
}

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** `ftyp` (isom) + `free` (the tag) + an `mdat` of `mdatBytes` filler. */
export function sampleMp4(tag: string, mdatBytes = 2048): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41', 'latin1')]));
  return Buffer.concat([ftyp, box('free', Buffer.from(tag, 'latin1')), box('mdat', Buffer.alloc(mdatBytes, 0x11))]);
}

/** Magic bytes by file extension for generated attachments. */
function fileHeader(fileName: string, tag: string): Buffer {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  switch (ext) {
    case 'pdf':
      return Buffer.from(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n% ${tag}\n`, 'latin1');
    case 'zip':
    case 'docx':
    case 'xlsx':
    case 'pptx':
      return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.from(tag, 'latin1')]);
    case 'jpg':
    case 'jpeg':
      return sampleJpeg(tag);
    case 'png':
      return PNG;
    case 'gif':
      return sampleGif(tag);
    case 'mp3':
      return sampleMp3(tag);
    case 'mp4':
      return sampleMp4(tag, 0);
    default:
      return Buffer.from(`${tag}\n`, 'latin1');
  }
}

/** A generated attachment of exactly `size` bytes (streamed, whatever the size). */
export function sampleFile(fileName: string, size: number, tag: string, seed: number): MediaBody {
  const header = fileHeader(fileName, tag);
  return size <= header.length ? bufferBody(header.subarray(0, size)) : generatedBody(header, size, seed);
}

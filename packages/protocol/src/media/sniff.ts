/**
 * Content sniffing by magic bytes. The server labels GIF emoticons `image/jpeg` (docs/protocol.md 3.6,
 * edge case 25), so a media's type comes from its first bytes, never from Content-Type.
 */

export interface SniffedType {
  mime: string;
  /** Extension without the dot. */
  ext: string;
}

/** What `sniffMediaType` answers for bytes it does not recognise (and for an empty buffer). */
export const UNKNOWN_MEDIA_TYPE: SniffedType = Object.freeze({ mime: 'application/octet-stream', ext: 'bin' });

/** How many leading bytes `sniffMediaType` looks at: enough to pass the first chunk of a stream. */
export const SNIFF_BYTES = 32;

const ascii = (b: Uint8Array, at: number, text: string): boolean => {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const bytesAt = (b: Uint8Array, at: number, sig: readonly number[]): boolean => {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
};

/** MPEG audio frame header: 11 sync bits, a valid version, layer III/II/I and bitrate index. */
function isMpegFrame(b: Uint8Array): boolean {
  const b0 = b[0];
  const b1 = b[1];
  const b2 = b[2];
  if (b0 === undefined || b1 === undefined || b2 === undefined) return false;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x3;
  const layer = (b1 >> 1) & 0x3;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 0x3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && rate !== 3;
}

type Rule = readonly [test: (b: Uint8Array) => boolean, mime: string, ext: string];

// Order matters where signatures overlap (JPEG before the MPEG frame-sync test, AAC after MP3).
const RULES: readonly Rule[] = [
  [(b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'), 'image/gif', 'gif'],
  [(b) => bytesAt(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png', 'png'],
  [(b) => bytesAt(b, 0, [0xff, 0xd8, 0xff]), 'image/jpeg', 'jpg'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'), 'image/webp', 'webp'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'), 'audio/wav', 'wav'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI '), 'video/x-msvideo', 'avi'],
  [(b) => ascii(b, 0, 'BM') && b.length >= 14 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0, 'image/bmp', 'bmp'],
  [(b) => ascii(b, 4, 'ftypqt'), 'video/quicktime', 'mov'],
  [(b) => ascii(b, 4, 'ftypM4A'), 'audio/mp4', 'm4a'],
  [(b) => ascii(b, 4, 'ftyp'), 'video/mp4', 'mp4'],
  [(b) => ascii(b, 0, '#!AMR-WB\n'), 'audio/amr-wb', 'amr'],
  [(b) => ascii(b, 0, '#!AMR\n'), 'audio/amr', 'amr'],
  // WeChat voice: SILK v3, sometimes behind a 0x02 byte.
  [(b) => ascii(b, 0, '#!SILK_V3') || (b[0] === 0x02 && ascii(b, 1, '#!SILK_V3')), 'audio/silk', 'silk'],
  [(b) => ascii(b, 0, 'ID3'), 'audio/mpeg', 'mp3'],
  [(b) => ascii(b, 0, 'OggS'), 'audio/ogg', 'ogg'],
  [(b) => ascii(b, 0, 'fLaC'), 'audio/flac', 'flac'],
  [(b) => bytesAt(b, 0, [0x1a, 0x45, 0xdf, 0xa3]), 'video/webm', 'webm'],
  [(b) => ascii(b, 0, '%PDF-'), 'application/pdf', 'pdf'],
  [(b) => bytesAt(b, 0, [0x50, 0x4b, 0x03, 0x04]) || bytesAt(b, 0, [0x50, 0x4b, 0x05, 0x06]), 'application/zip', 'zip'],
  [(b) => ascii(b, 0, 'Rar!\x1a\x07'), 'application/vnd.rar', 'rar'],
  [(b) => bytesAt(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), 'application/x-7z-compressed', '7z'],
  [(b) => bytesAt(b, 0, [0x1f, 0x8b]), 'application/gzip', 'gz'],
  [(b) => bytesAt(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'application/x-ole-storage', 'doc'],
  [isMpegFrame, 'audio/mpeg', 'mp3'],
];

/**
 * The media type of `bytes` from its magic number (GIF, PNG, JPEG, WEBP, BMP, MP4/MOV, MP3 (ID3 or
 * frame sync), AMR, SILK, OGG, FLAC, WEBM, WAV, AVI, PDF, ZIP, RAR, 7z, GZIP, OLE documents).
 * Unknown or empty input gives `UNKNOWN_MEDIA_TYPE`; never throws.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedType {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  for (const [test, mime, ext] of RULES) if (test(head)) return { mime, ext };
  return UNKNOWN_MEDIA_TYPE;
}

const BY_EXT: Readonly<Record<string, string>> = {
  gif: 'image/gif', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', bmp: 'image/bmp', webp: 'image/webp',
  mp4: 'video/mp4', mov: 'video/quicktime', mp3: 'audio/mpeg', amr: 'audio/amr', silk: 'audio/silk', wav: 'audio/wav',
  pdf: 'application/pdf', zip: 'application/zip', txt: 'text/plain', json: 'application/json', csv: 'text/csv',
  doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** Lower-case extension of a file name without the dot (`''` when there is none). */
export function fileExtension(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** A MIME type from a file name's extension, `application/octet-stream` when unknown. */
export function mimeFromFileName(fileName: string): string {
  return BY_EXT[fileExtension(fileName)] ?? UNKNOWN_MEDIA_TYPE.mime;
}

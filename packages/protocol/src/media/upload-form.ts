import type { BaseRequest } from '@wxbot/wire-types';
import { fileExtension } from './sniff';
import type { MultipartPart } from './multipart';

/** Chunk size of webwxuploadmedia (docs/protocol.md 9.5): 512 KiB. */
export const UPLOAD_CHUNK_SIZE = 524_288;
/** Files larger than this must go through webwxcheckupload first (docs/protocol.md 9.6). */
export const CHECK_UPLOAD_THRESHOLD = 25 * 1024 * 1024;

export type UploadMediaType = 'pic' | 'video' | 'doc';

export interface ChunkPlan {
  /** 0-based chunk index. */
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The byte ranges of an upload: one part for files of at most 512 KiB (sent without
 * `chunks`/`chunk`), else consecutive 512 KiB ranges, the last one shorter.
 */
export function planChunks(size: number): ChunkPlan[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  if (size <= UPLOAD_CHUNK_SIZE) return [{ index: 0, start: 0, end: size }];
  const plan: ChunkPlan[] = [];
  for (let start = 0, index = 0; start < size; start += UPLOAD_CHUNK_SIZE, index++) {
    plan.push({ index, start, end: Math.min(size, start + UPLOAD_CHUNK_SIZE) });
  }
  return plan;
}

/** The official `mediatype`: `pic` for bmp/png/jpeg/jpg, `video` for mp4, `doc` for everything else (GIF too). */
export function uploadMediaType(fileName: string, mime?: string): UploadMediaType {
  const ext = fileExtension(fileName);
  if (['bmp', 'png', 'jpeg', 'jpg'].includes(ext)) return 'pic';
  if (ext === 'mp4') return 'video';
  if (ext === '' && mime) {
    if (/^image\/(bmp|png|jpeg)$/.test(mime)) return 'pic';
    if (mime === 'video/mp4') return 'video';
  }
  return 'doc';
}

/** The `uploadmediarequest` JSON (docs/protocol.md 9.5); identical on every chunk of one upload. */
export interface UploadMediaRequest {
  UploadType: 2;
  BaseRequest: BaseRequest;
  ClientMediaId: number;
  TotalLen: number;
  StartPos: 0;
  DataLen: number;
  MediaType: 4;
  FromUserName: string;
  ToUserName: string;
  FileMd5: string;
  AESKey?: string;
  Signature?: string;
}

export interface UploadFormInput {
  /** `WU_FILE_<fileIndex>`. */
  fileIndex: number;
  fileName: string;
  mime: string;
  lastModifiedDate: string;
  size: number;
  /** Present only for chunked uploads. */
  chunk?: { index: number; count: number };
  mediaType: UploadMediaType;
  request: UploadMediaRequest;
  dataTicket: string;
  passTicket: string;
  data: Buffer;
}

/** The form parts of one upload request, in the browser's order (docs/protocol.md 9.5). */
export function uploadFormParts(i: UploadFormInput): MultipartPart[] {
  return [
    { name: 'id', value: `WU_FILE_${i.fileIndex}` },
    { name: 'name', value: i.fileName },
    { name: 'type', value: i.mime },
    { name: 'lastModifiedDate', value: i.lastModifiedDate },
    { name: 'size', value: String(i.size) },
    ...(i.chunk ? [{ name: 'chunks', value: String(i.chunk.count) }, { name: 'chunk', value: String(i.chunk.index) }] : []),
    { name: 'mediatype', value: i.mediaType },
    { name: 'uploadmediarequest', value: JSON.stringify(i.request) },
    { name: 'webwx_data_ticket', value: i.dataTicket },
    { name: 'pass_ticket', value: i.passTicket },
    { name: 'filename', fileName: i.fileName, contentType: i.mime, data: i.data },
  ];
}

/** A JS `Date.prototype.toString()` value, as the browser puts in `lastModifiedDate`. */
export function jsDateString(date: Date): string {
  return date.toString();
}

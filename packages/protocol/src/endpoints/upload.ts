import type { Readable } from 'node:stream';
import type { BaseResponse } from '@wxbot/wire-types';
import { MissingCookieError, ProtocolError, UploadFailedError } from '../errors';
import { buildMultipart } from '../media/multipart';
import { mimeFromFileName, sniffMediaType, UNKNOWN_MEDIA_TYPE } from '../media/sniff';
import {
  CHECK_UPLOAD_THRESHOLD, jsDateString, planChunks, uploadFormParts, uploadMediaType,
  type UploadMediaRequest, type UploadMediaType,
} from '../media/upload-form';
import { parseJsonBody } from '../parse/json-body';
import { baseRequest, refererHeaders, type SessionContext } from '../session-context';
import { computeMd5, fixedChunks } from '../media/upload-source';
import type { CheckUploadResult } from './check-upload';

const UPLOAD = 'webwxuploadmedia';

/** The file to upload: bytes in memory, or a stream of exactly `size` bytes. */
export type UploadSource =
  | { bytes: Buffer }
  /** A stream factory can be opened twice (once to hash it when `md5` is not given); a bare stream needs `md5`. */
  | { stream: Readable | (() => Readable); size: number; md5?: string };

export type UploadMediaOptions = UploadSource & {
  /** Self UserName. */
  from: string;
  to: string;
  fileName: string;
  /** Form `type`; default from the extension, else sniffed from the first bytes. */
  mime?: string;
  /** Form `mediatype`; default from the extension (docs/protocol.md 9.5). */
  mediaType?: UploadMediaType;
  /** Result of `checkUpload` (required above 25 MB): its AESKey/Signature go into the request. */
  checkUpload?: CheckUploadResult;
  /** n of `WU_FILE_<n>`; the browser counts files per page. Default 0. */
  fileIndex?: number;
  lastModified?: Date;
  signal?: AbortSignal;
  /** Per chunk request. Default 120 s. */
  timeoutMs?: number;
};

export interface UploadResult {
  mediaId: string;
  /** True when checkUpload found the file on the server and nothing was sent. */
  skipped: boolean;
  size: number;
  md5: string;
  /** Requests made (0 when skipped). */
  chunks: number;
  mime: string;
  mediaType: UploadMediaType;
  encryFileName: string;
  /** From checkUpload: goes into the later webwxsendappmsg. */
  signature?: string;
}

interface UploadResponse {
  BaseResponse: BaseResponse;
  MediaId?: string;
  StartPos?: number;
  EncryFileName?: string;
}

function badArgument(problem: string): ProtocolError {
  return new ProtocolError('WEBWX_BAD_ARGUMENT', UPLOAD, `${UPLOAD}: ${problem}`);
}

/**
 * webwxuploadmedia on the FILE host: multipart/form-data in the browser's field order, 512 KiB
 * chunks sent one after the other with the same `uploadmediarequest`, MediaId from the last
 * answer. `Ret != 0` (1205 comes with a placeholder MediaId) throws ServerRetError; an empty
 * MediaId throws UploadFailedError; a missing `webwx_data_ticket` cookie throws MissingCookieError.
 */
export async function uploadMedia(ctx: SessionContext, o: UploadMediaOptions): Promise<UploadResult> {
  const size = 'bytes' in o ? o.bytes.length : o.size;
  if (!Number.isSafeInteger(size) || size < 0) throw badArgument(`size must be a non-negative integer, got ${size}`);
  if (size === 0) throw badArgument('cannot upload an empty file');
  if (!o.fileName) throw badArgument('fileName is empty');
  if (size > CHECK_UPLOAD_THRESHOLD && !o.checkUpload) throw badArgument(`files over 25 MB (this one: ${size} bytes) need checkUpload() first; pass its result as checkUpload`);
  let md5: string;
  if ('bytes' in o) md5 = await computeMd5(o.bytes);
  else if (o.md5) md5 = o.md5;
  else if (typeof o.stream === 'function') md5 = await computeMd5(o.stream);
  else throw badArgument('a bare stream can be read once: pass md5, or a stream factory () => Readable');
  const common = { size, md5, encryFileName: o.checkUpload?.encryFileName ?? '', ...(o.checkUpload?.signature ? { signature: o.checkUpload.signature } : {}) };
  if (o.checkUpload?.mediaId) {
    const mime = o.mime ?? mimeFromFileName(o.fileName);
    return { ...common, mediaId: o.checkUpload.mediaId, skipped: true, chunks: 0, mime, mediaType: o.mediaType ?? uploadMediaType(o.fileName, mime) };
  }

  const fileUrl = `https://${ctx.hosts.file}/`;
  const dataTicket = ctx.http.cookie(fileUrl, 'webwx_data_ticket');
  if (!dataTicket) throw new MissingCookieError(UPLOAD, 'webwx_data_ticket', ctx.hosts.file);
  const request: UploadMediaRequest = {
    UploadType: 2,
    BaseRequest: baseRequest(ctx.credentials),
    ClientMediaId: Date.now(),
    TotalLen: size,
    StartPos: 0,
    DataLen: size,
    MediaType: 4,
    FromUserName: o.from,
    ToUserName: o.to,
    FileMd5: md5,
    ...(o.checkUpload ? { AESKey: o.checkUpload.aesKey, Signature: o.checkUpload.signature } : {}),
  };
  const plan = planChunks(size);
  const chunked = plan.length > 1;
  const data: AsyncIterable<Buffer> | Iterable<Buffer> =
    'bytes' in o ? plan.map((c) => o.bytes.subarray(c.start, c.end)) : fixedChunks(typeof o.stream === 'function' ? o.stream() : o.stream);
  const lastModifiedDate = jsDateString(o.lastModified ?? new Date());
  let mime = o.mime;
  let mediaType = o.mediaType;
  let index = 0;
  let last: UploadResponse | undefined;
  for await (const chunk of data) {
    const want = plan[index];
    if (!want || chunk.length !== want.end - want.start) throw badArgument(`the stream gave more or fewer bytes than size (${size})`);
    if (mime === undefined) {
      const byName = mimeFromFileName(o.fileName);
      mime = byName !== UNKNOWN_MEDIA_TYPE.mime ? byName : sniffMediaType(chunk).mime;
    }
    mediaType ??= uploadMediaType(o.fileName, mime);
    const form = buildMultipart(uploadFormParts({
      fileIndex: o.fileIndex ?? 0, fileName: o.fileName, mime, lastModifiedDate, size,
      ...(chunked ? { chunk: { index, count: plan.length } } : {}),
      mediaType, request, dataTicket, passTicket: ctx.credentials.passTicket, data: chunk,
    }));
    const res = await ctx.http.request({
      endpoint: UPLOAD,
      method: 'POST',
      url: `https://${ctx.hosts.file}/cgi-bin/mmwebwx-bin/${UPLOAD}`,
      query: { f: 'json' },
      body: form.body,
      headers: { ...refererHeaders(ctx), 'Content-Type': form.contentType },
      signal: o.signal,
      timeoutMs: o.timeoutMs ?? 120_000,
    });
    last = parseJsonBody<UploadResponse>(UPLOAD, res.text);
    index++;
  }
  if (index !== plan.length) throw badArgument(`the stream ended after ${index} of ${plan.length} chunks (size said ${size} bytes)`);
  const mediaId = last?.MediaId;
  if (typeof mediaId !== 'string' || mediaId === '') throw new UploadFailedError(UPLOAD, `the last answer (chunk ${index} of ${plan.length}) has an empty MediaId`);
  return { ...common, mediaId, skipped: false, chunks: index, mime: mime ?? UNKNOWN_MEDIA_TYPE.mime, mediaType: mediaType ?? 'doc', encryFileName: last?.EncryFileName ?? common.encryFileName };
}

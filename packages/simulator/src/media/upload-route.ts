import type { SimCore } from '../core';
import type { Handler, RequestContext } from '../routes/context';
import { baseResponse } from '../routes/json-api';
import type { Session } from '../session/session';
import { wireJson, type SimResponse } from '../util/response';
import { ChunkAssembler } from './chunk-assembler';
import { mediaSession } from './media-auth';
import { bufferBody } from './media-body';
import type { UploadMediaType } from './media-store';
import { parseMultipart, type MultipartForm } from './multipart';
import { sampleJpeg } from './samples';
import { CHECK_UPLOAD_BYTES, UploadRet } from './upload-codes';

/** Largest single part accepted (lenient clients upload small files unchunked; the official uploader sends 512 KiB). */
const MAX_PART_BYTES = 64 * 1024 * 1024;

function cors(core: SimCore): Record<string, string> {
  return { 'Access-Control-Allow-Origin': `https://${core.family.main}`, 'Access-Control-Allow-Credentials': 'true' };
}

interface UploadAnswer {
  ret: number;
  mediaId?: string;
  startPos?: number;
  pic?: boolean;
  encryFileName?: string;
}

function answer(core: SimCore, a: UploadAnswer): SimResponse {
  const response = wireJson({
    BaseResponse: baseResponse(a.ret),
    MediaId: a.mediaId ?? '',
    StartPos: a.startPos ?? 0,
    CDNThumbImgHeight: a.pic ? 100 : 0,
    CDNThumbImgWidth: a.pic ? 75 : 0,
    EncryFileName: a.encryFileName ?? '',
  });
  return { ...response, headers: { ...response.headers, ...cors(core) } };
}

function mediaTypeOf(field: string | undefined, mime: string): UploadMediaType {
  if (field === 'pic' || field === 'video' || field === 'doc') return field;
  if (/^image\/(jpe?g|png|bmp)$/.test(mime)) return 'pic';
  return mime === 'video/mp4' ? 'video' : 'doc';
}

/** The upload request JSON, or undefined when unparsable. */
function uploadRequest(form: MultipartForm): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(form.fields.get('uploadmediarequest') ?? '');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * `POST https://FILE/cgi-bin/mmwebwx-bin/webwxuploadmedia?f=json` (docs/protocol.md
 * 9.5): multipart form, single part or 512 KiB chunks sent sequentially with
 * the same `uploadmediarequest` each time. Intermediate chunks answer Ret 0
 * with an empty MediaId and `StartPos` = bytes received so far; the last one
 * (or a single part) answers the `@crypt_…` MediaId with `StartPos` = total.
 * Checks: session cookies + BaseRequest, `webwx_data_ticket` field = cookie,
 * chunk order, TotalLen and FileMd5 (an empty FileMd5 is accepted unless
 * strict), and for files over 25 MB the AESKey/Signature of a prior
 * webwxcheckupload. A `ret` fault of 1205 still answers a non-empty MediaId,
 * which points to a placeholder image (edge 28). CORS headers on every answer.
 */
export const webwxuploadmedia: Handler = async (core, ctx) => {
  if (ctx.method === 'OPTIONS') {
    const allowHeaders = ctx.headers['access-control-request-headers'];
    return {
      status: 200,
      headers: { ...cors(core), 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': typeof allowHeaders === 'string' ? allowHeaders : 'Content-Type', 'Content-Type': 'text/plain' },
      body: '',
    };
  }
  let form: MultipartForm;
  try {
    form = await parseMultipart(ctx.req, MAX_PART_BYTES);
  } catch {
    return answer(core, { ret: UploadRet.PARSE });
  }
  const session = mediaSession(core, ctx, false);
  if (ctx.forced?.type === 'ret') return forced(core, ctx.forced.ret ?? -1, session);
  if (!session) return answer(core, { ret: UploadRet.NO_SESSION });
  return accept(core, ctx, session, form);
};

/** A forced Ret; 1205 carries a placeholder MediaId (a real, downloadable/sendable placeholder image). */
function forced(core: SimCore, ret: number, session: Session | undefined): SimResponse {
  if (ret !== UploadRet.FREQ) return answer(core, { ret });
  const mediaId = `@crypt_${core.rng.hex(8)}_${core.rng.hex(256)}`;
  const body = bufferBody(sampleJpeg('wxsim placeholder'));
  core.media.addFile({ mediaId, name: 'placeholder.jpg', mime: 'image/jpeg', mediaType: 'pic', body, placeholder: true, uploader: session?.directory.selfUserName ?? '' });
  return answer(core, { ret, mediaId, startPos: body.length, pic: true });
}

function accept(core: SimCore, ctx: RequestContext, session: Session, form: MultipartForm): SimResponse {
  const cookieTicket = ctx.cookies.get('webwx_data_ticket');
  if (!cookieTicket || cookieTicket !== session.dataTicket || form.fields.get('webwx_data_ticket') !== cookieTicket) {
    return answer(core, { ret: UploadRet.TICKET });
  }
  const request = uploadRequest(form);
  if (!request) return answer(core, { ret: UploadRet.PARSE });
  const base = request['BaseRequest'] as Record<string, unknown> | undefined;
  if (!base || String(base['Uin']) !== String(session.uin) || base['Sid'] !== session.sid) return answer(core, { ret: UploadRet.NO_SESSION });

  const file = form.file;
  const totalLen = Number(request['TotalLen']);
  if (!file || file.truncated || !Number.isInteger(totalLen) || totalLen < 0) return answer(core, { ret: UploadRet.PARAM });
  const fileMd5 = str(request['FileMd5']).toLowerCase();
  if (totalLen > CHECK_UPLOAD_BYTES || request['AESKey'] !== undefined || request['Signature'] !== undefined) {
    const check = core.media.check(fileMd5);
    const signed = check !== undefined && request['AESKey'] === check.aesKey && request['Signature'] === check.signature;
    // Over 25 MB the pair is mandatory; below, a pair that is present must still be the right one.
    if (!signed && (totalLen > CHECK_UPLOAD_BYTES || check !== undefined)) return answer(core, { ret: UploadRet.PARAM });
  }

  const chunked = form.fields.has('chunks') || form.fields.has('chunk');
  let assembled: { data: Buffer[]; bytes: number; md5: string };
  if (chunked) {
    const key = `${session.sid}\n${str(request['ClientMediaId'])}\n${fileMd5}\n${totalLen}`;
    const result = core.media.assembler.add(key, Number(form.fields.get('chunk')), Number(form.fields.get('chunks')), file.data, totalLen);
    if (result.state === 'error') return answer(core, { ret: UploadRet.PARAM });
    if (result.state === 'more') return answer(core, { ret: UploadRet.OK, startPos: result.bytes });
    assembled = result;
  } else {
    assembled = ChunkAssembler.whole(file.data);
  }
  if (assembled.bytes !== totalLen) return answer(core, { ret: UploadRet.PARAM });
  if (fileMd5 !== assembled.md5 && (fileMd5 !== '' || core.options.strict)) return answer(core, { ret: UploadRet.PARAM });

  const name = form.fields.get('name') || file.filename || 'file';
  const mime = form.fields.get('type') || file.mimeType || 'application/octet-stream';
  const mediaType = mediaTypeOf(form.fields.get('mediatype'), mime);
  const mediaId = `@crypt_${core.rng.hex(8)}_${core.rng.hex(256)}`;
  core.media.addFile({ mediaId, name, mime, mediaType, body: bufferBody(assembled.data), placeholder: false, uploader: session.directory.selfUserName }, assembled.md5);
  return answer(core, { ret: UploadRet.OK, mediaId, startPos: assembled.bytes, pic: mediaType === 'pic', encryFileName: encodeURIComponent(name) });
}

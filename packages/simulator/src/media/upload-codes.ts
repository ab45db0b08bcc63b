/**
 * BaseResponse codes of the upload endpoints. The real server's choices are
 * undocumented [UNSURE]; these use the generic meanings of docs/protocol.md 14.
 */
export const UploadRet = {
  OK: 0,
  /** Parameter error: FileMd5/TotalLen mismatch, chunk out of order, >25 MB without webwxcheckupload, no file part. */
  PARAM: 1,
  /** Ticket error: `webwx_data_ticket` form field missing or not the cookie's value. */
  TICKET: -14,
  /** `uploadmediarequest` is not JSON / the body is not multipart. */
  PARSE: 1200,
  /** No session (cookies or BaseRequest wrong). */
  NO_SESSION: 1100,
  /** Frequency limit: answered with a placeholder MediaId (edge 28). */
  FREQ: 1205,
} as const;

/** Files above this need webwxcheckupload first (official client, docs/protocol.md 9.5/9.6). */
export const CHECK_UPLOAD_BYTES = 25 * 1024 * 1024;

/** The chunk size of the official uploader (informational: other sizes are accepted). */
export const CHUNK_BYTES = 512 * 1024;

import { randomBytes } from 'node:crypto';

/**
 * multipart/form-data built by hand with Buffers: the upload needs exact control of the field
 * order (docs/protocol.md 9.5) and of how a non-ASCII file name is written.
 *
 * Names are encoded the way browsers do it (WHATWG HTML "multipart/form-data encoding"): the raw
 * UTF-8 bytes of the name inside `filename="..."` (and in the `name` field's value), with only
 * `"` -> `%22`, CR -> `%0D` and LF -> `%0A` escaped, and no RFC 2231/5987 `filename*=`. This is
 * what the official web client (a browser) sent. docs/protocol.md 9.5 reports `Ret 1` for non-ASCII
 * names from Python clients, whose multipart library then wrote RFC 2231 `filename*=` forms; we
 * believe that is the difference, but it is not verified against the real server.
 */

export interface MultipartField {
  name: string;
  value: string;
}

export interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export type MultipartPart = MultipartField | MultipartFile;

const CRLF = '\r\n';

/** A boundary shaped like Chrome's (`----WebKitFormBoundary` + 16 alphanumerics). */
export function newBoundary(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(16);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % alphabet.length];
  return `----WebKitFormBoundary${tail}`;
}

/** Escape a name for a `name="..."`/`filename="..."` parameter, as browsers do. */
export function escapeDispositionValue(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function isFile(part: MultipartPart): part is MultipartFile {
  return 'data' in part;
}

/**
 * The body and Content-Type of a multipart/form-data request, parts in the given order:
 * `--B CRLF headers CRLF CRLF value CRLF` per part, then `--B-- CRLF`. Field values are UTF-8.
 */
export function buildMultipart(parts: readonly MultipartPart[], boundary: string = newBoundary()): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeDispositionValue(part.name)}"`;
    if (isFile(part)) {
      head += `; filename="${escapeDispositionValue(part.fileName)}"${CRLF}Content-Type: ${part.contentType}`;
    }
    chunks.push(Buffer.from(`${head}${CRLF}${CRLF}`, 'utf8'));
    chunks.push(isFile(part) ? part.data : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from(CRLF, 'ascii'));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`, 'ascii'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

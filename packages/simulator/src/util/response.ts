import type { MediaBody } from '../media/media-body';
import { compactJson, prettyJson } from './wire-json';

/**
 * A response as a value. Handlers return these instead of writing to the
 * socket, so fault injection (truncate, garbage, http) can rewrite any of them
 * in one place.
 */
export interface SimResponse {
  status: number;
  headers: Record<string, string | string[]>;
  /** A {@link MediaBody} is streamed chunk by chunk (large media). */
  body: Buffer | string | MediaBody;
  /**
   * The JSON APIs' answers: compressed on the way out for a client whose `Accept-Encoding`
   * allows it, as the real front ends do (protocol.md 3.6 "usually gzip/deflate").
   */
  compressible?: boolean;
}

const NO_CACHE = 'no-cache, must-revalidate';

/** JSON APIs answer `text/plain`, pretty-printed (docs/protocol.md 3.6). */
export function wireJson(value: unknown, setCookie: string[] = []): SimResponse {
  return { ...textResponse(prettyJson(value), 'text/plain', setCookie), compressible: true };
}

/** Small JSON answers (statusnotify, sendmsg) are printed on one line in captures. */
export function wireJsonCompact(value: unknown, setCookie: string[] = []): SimResponse {
  return { ...textResponse(compactJson(value), 'text/plain', setCookie), compressible: true };
}

/** `text/javascript` bodies: login poll and synccheck. */
export function javascript(body: string): SimResponse {
  return { status: 200, headers: { 'Content-Type': 'text/javascript', 'Cache-Control': NO_CACHE }, body };
}

export function html(body: string, status = 200): SimResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}

/** Answers of the `/__sim/` control API: ordinary JSON, not the wire format. */
export function controlJson(value: unknown, status = 200): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

export function textResponse(body: string, contentType: string, setCookie: string[] = []): SimResponse {
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType };
  if (setCookie.length > 0) headers['Set-Cookie'] = setCookie;
  return { status: 200, headers, body };
}

/** The bare nginx-style page Tencent's front ends serve for unknown paths and 5xx. */
export function errorPage(status: number): SimResponse {
  const reason = STATUS_TEXT[status] ?? 'Error';
  return html(
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body bgcolor="white">\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    status,
  );
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  416: 'Requested Range Not Satisfiable',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

import { describeRet, isSessionEnded, Ret } from './codes';

/** Stable codes of protocol errors; listed with cause and fix in docs/errors.md. */
export type ProtocolErrorCode =
  | 'WEBWX_MALFORMED_BODY'
  | 'WEBWX_RET'
  | 'WEBWX_LOGIN_REFUSED'
  | 'WEBWX_PUSH_LOGIN_REFUSED'
  | 'WEBWX_HTTP_STATUS'
  | 'WEBWX_NETWORK'
  | 'WEBWX_ABORTED'
  | 'WEBWX_BAD_ARGUMENT'
  | 'WEBWX_UPLOAD_FAILED'
  | 'WEBWX_MISSING_COOKIE'
  | 'WEBWX_REVOKE_EXPIRED'
  | 'WEBWX_BAD_PROXY';

/** Base class of every error the protocol package throws: `code` is stable, `endpoint` names the call. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly endpoint: string;

  constructor(code: ProtocolErrorCode, endpoint: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProtocolError';
    this.code = code;
    this.endpoint = endpoint;
  }
}

/** The server answered with a body we could not parse: never a silent default. */
export class MalformedBodyError extends ProtocolError {
  /** The first characters of the body, for diagnosis (bodies never carry credentials we sent). */
  readonly excerpt: string;

  constructor(endpoint: string, problem: string, body: string, options?: { cause?: unknown }) {
    const excerpt = body.length > 120 ? `${body.slice(0, 120)}...` : body;
    super('WEBWX_MALFORMED_BODY', endpoint, `${endpoint}: malformed response (${problem}): ${JSON.stringify(excerpt)}`, options);
    this.name = 'MalformedBodyError';
    this.excerpt = excerpt;
  }
}

/** A JSON API answered with `BaseResponse.Ret != 0` (or synccheck with retcode != 0). */
export class ServerRetError extends ProtocolError {
  readonly ret: number;
  readonly errMsg: string;

  constructor(endpoint: string, ret: number, errMsg = '') {
    const said = errMsg ? ` "${errMsg}"` : '';
    super('WEBWX_RET', endpoint, `${endpoint}: server returned Ret ${ret}${said}: ${describeRet(ret)}`);
    this.name = 'ServerRetError';
    this.ret = ret;
    this.errMsg = errMsg;
  }

  /** 1100/1101/1102: the session is over. */
  get sessionEnded(): boolean {
    return isSessionEnded(this.ret);
  }

  /** 1205: too frequent. */
  get rateLimited(): boolean {
    return this.ret === Ret.FREQUENCY_LIMIT;
  }
}

/** webwxnewloginpage answered `ret != 0` (1203: account not allowed on web). Quotes the server. */
export class LoginRefusedError extends ProtocolError {
  readonly ret: number;
  readonly serverMessage: string;

  constructor(ret: number, serverMessage: string) {
    super(
      'WEBWX_LOGIN_REFUSED',
      'webwxnewloginpage',
      `webwxnewloginpage: login refused with ret ${ret}: "${serverMessage}" (${describeRet(ret)})`,
    );
    this.name = 'LoginRefusedError';
    this.ret = ret;
    this.serverMessage = serverMessage;
  }
}

/** webwxpushloginurl answered `ret != "0"`. */
export class PushLoginRefusedError extends ProtocolError {
  readonly ret: string;

  constructor(ret: string, msg: string, meaning: string) {
    super('WEBWX_PUSH_LOGIN_REFUSED', 'webwxpushloginurl', `webwxpushloginurl: refused with ret "${ret}" ("${msg}"): ${meaning}`);
    this.name = 'PushLoginRefusedError';
    this.ret = ret;
  }
}

/** The server answered with an unexpected HTTP status (5xx, 404...). */
export class HttpStatusError extends ProtocolError {
  readonly status: number;

  constructor(endpoint: string, status: number) {
    super('WEBWX_HTTP_STATUS', endpoint, `${endpoint}: HTTP ${status} from the server${status >= 500 ? ' (server error; retry later)' : ''}`);
    this.name = 'HttpStatusError';
    this.status = status;
  }
}

/** The connection failed: reset, refused, DNS, or timed out. Transient; retry with backoff. */
export class NetworkError extends ProtocolError {
  /** Node's error code when there is one (ECONNRESET, ECONNREFUSED, ETIMEDOUT...). */
  readonly errno: string | undefined;
  readonly timedOut: boolean;

  constructor(endpoint: string, detail: string, errno: string | undefined, timedOut: boolean, cause: unknown) {
    super('WEBWX_NETWORK', endpoint, `${endpoint}: network error: ${detail}`, { cause });
    this.name = 'NetworkError';
    this.errno = errno;
    this.timedOut = timedOut;
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends ProtocolError {
  constructor(endpoint: string) {
    super('WEBWX_ABORTED', endpoint, `${endpoint}: request aborted`);
    this.name = 'AbortedError';
  }
}

/** An upload the server answered with `Ret 0` but no MediaId (docs/protocol.md 9.5): nothing was stored. */
export class UploadFailedError extends ProtocolError {
  constructor(endpoint: string, problem: string) {
    super('WEBWX_UPLOAD_FAILED', endpoint, `${endpoint}: upload failed: ${problem}`);
    this.name = 'UploadFailedError';
  }
}

/** A cookie the call needs (e.g. `webwx_data_ticket` for uploads and file downloads) is not in the jar. */
export class MissingCookieError extends ProtocolError {
  readonly cookie: string;

  constructor(endpoint: string, cookie: string, host: string) {
    super('WEBWX_MISSING_COOKIE', endpoint, `${endpoint}: the ${cookie} cookie for ${host} is missing from the jar (not logged in, or the session was restored without it); log in again`);
    this.name = 'MissingCookieError';
    this.cookie = cookie;
  }
}

/** webwxrevokemsg answered `Ret -1`: messages can only be revoked within 2 minutes of sending. */
export class RevokeExpiredError extends ProtocolError {
  readonly ret: number;
  /** Send time derived from the ClientMsgId (ms), when it carries one. */
  readonly sentAt: number | undefined;

  constructor(ret: number, sentAt: number | undefined, now: number) {
    const ageMs = sentAt === undefined ? undefined : now - sentAt;
    const age = ageMs === undefined ? '' : ` (its ClientMsgId says it was sent ${Math.round(ageMs / 1000)} s ago${ageMs < 120_000 ? '; if that is right, Ret -1 may also be a transient system error' : ''})`;
    super('WEBWX_REVOKE_EXPIRED', 'webwxrevokemsg', `webwxrevokemsg: cannot revoke: the 2-minute window passed${age}; server returned Ret ${ret}`);
    this.name = 'RevokeExpiredError';
    this.ret = ret;
    this.sentAt = sentAt;
  }
}

/**
 * A proxy URL (the `proxy` option, or `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` in either case)
 * that cannot be used. Thrown when the client is created, so a bot stops at startup instead of
 * failing on its first request. `variable` names where the value came from; a password in
 * the URL never appears in the message.
 */
export class ProxyConfigError extends ProtocolError {
  readonly variable: string;

  constructor(variable: string, shown: string, problem: string) {
    super('WEBWX_BAD_PROXY', 'proxy', `${variable}: ${problem}, got ${JSON.stringify(shown)}; expected a proxy URL such as http://127.0.0.1:3128 (or https://, user:password@ allowed), or unset it`);
    this.name = 'ProxyConfigError';
    this.variable = variable;
  }
}

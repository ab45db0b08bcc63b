/**
 * Stable error codes of @wxbot/server. Each is listed with cause and fix in docs/api.md
 * ("Errors"); a test keeps that table and this union in sync.
 */
export type ServerErrorCode =
  | 'WXBOT_API_UNAUTHORIZED'
  | 'WXBOT_API_BAD_REQUEST'
  | 'WXBOT_API_TOO_LARGE'
  | 'WXBOT_API_NOT_FOUND'
  | 'WXBOT_API_UNKNOWN_CHAT'
  | 'WXBOT_API_NOT_LOGGED_IN'
  | 'WXBOT_API_TOKEN_REQUIRED'
  | 'WXBOT_API_INTERNAL'
  | 'WXBOT_API_NOT_ON_WEB'
  | 'WXBOT_API_ACCOUNT_NOT_HERE';

/** HTTP status each code answers with. */
export const STATUS_OF: Readonly<Record<ServerErrorCode, number>> = {
  WXBOT_API_UNAUTHORIZED: 401,
  WXBOT_API_BAD_REQUEST: 400,
  WXBOT_API_TOO_LARGE: 413,
  WXBOT_API_NOT_FOUND: 404,
  WXBOT_API_UNKNOWN_CHAT: 404,
  WXBOT_API_NOT_LOGGED_IN: 409,
  WXBOT_API_TOKEN_REQUIRED: 500,
  WXBOT_API_INTERNAL: 500,
  WXBOT_API_NOT_ON_WEB: 501,
  WXBOT_API_ACCOUNT_NOT_HERE: 404,
};

/**
 * An error of the control server with a stable `code`; its message names the problem and the fix.
 * Answered as `{ "error": { "code", "message" } }` with the status of {@link STATUS_OF}.
 * @example throw new ServerError('WXBOT_API_UNKNOWN_CHAT', 'no chat "@abc" in this session; look it up with GET /api/contacts?q=');
 */
export class ServerError extends Error {
  readonly code: ServerErrorCode;

  constructor(code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerError';
    this.code = code;
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ServerErrorCode; message: string };
}

export const errorBody = (err: ServerError): ErrorBody => ({ error: { code: err.code, message: err.message } });

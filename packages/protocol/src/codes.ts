/**
 * Server codes and what they mean (docs/protocol.md section 14), in one place so no
 * magic number stands far from its meaning.
 */

/** BaseResponse.Ret / synccheck retcode values. */
export const Ret = {
  OK: 0,
  SYSTEM_ERROR: -1,
  LOGIC_ERROR: -2,
  TICKET_ERROR: -14,
  PARAM_ERROR: 1,
  SESSION_NOT_EXIST: 1100,
  SESSION_INVALID: 1101,
  COOKIE_INVALID: 1102,
  API_FREQUENCY: 1105,
  PARSE_REQUEST: 1200,
  GROUP_GONE: 1201,
  ACCOUNT_NOT_ALLOWED: 1203,
  NOT_FRIEND: 1204,
  FREQUENCY_LIMIT: 1205,
  CREATE_CHATROOM_PARTIAL: -2013,
} as const;

const RET_MEANINGS: Readonly<Record<number, string>> = {
  [Ret.SYSTEM_ERROR]: 'system error (transient; also a revoke after the 2-minute window)',
  [Ret.LOGIC_ERROR]: 'logic error',
  [Ret.TICKET_ERROR]: 'ticket error',
  [Ret.PARAM_ERROR]: 'parameter error (e.g. addmember on a large group, bad file name)',
  [Ret.SESSION_NOT_EXIST]: 'session does not exist: logged out on the phone, wrong host or cookies missing; log in again',
  [Ret.SESSION_INVALID]: 'session invalid: logged in elsewhere or kicked; log in again',
  [Ret.COOKIE_INVALID]: 'cookies invalid: the session cookies were not accepted; log in again',
  [Ret.API_FREQUENCY]: 'API called too frequently; back off',
  [Ret.PARSE_REQUEST]: 'the server could not parse the request',
  [Ret.GROUP_GONE]: 'the group no longer exists or you are not a member',
  [Ret.ACCOUNT_NOT_ALLOWED]: 'this account may not log in to Web WeChat; try the desktop (UOS) login mode or another account',
  [Ret.NOT_FRIEND]: 'the target is not a friend (or is yourself; use filehelper to message yourself)',
  [Ret.FREQUENCY_LIMIT]: 'frequency limit: too many requests; back off for minutes',
  [Ret.CREATE_CHATROOM_PARTIAL]: 'createchatroom partial success (treated as success when a group name comes back)',
};

/** A short human explanation of a Ret/retcode, for error messages. */
export function describeRet(ret: number): string {
  return RET_MEANINGS[ret] ?? 'unknown server code';
}

/** 1100/1101/1102: the session is over and a new login is needed. */
export function isSessionEnded(ret: number): boolean {
  return ret === Ret.SESSION_NOT_EXIST || ret === Ret.SESSION_INVALID || ret === Ret.COOKIE_INVALID;
}

/** Login poll codes (`window.code=...`, docs/protocol.md 4.3). */
export const LoginCode = {
  CONFIRMED: 200,
  SCANNED: 201,
  CANCELLED: 202,
  WAITING: 408,
  EXPIRED: 400,
  SERVER_ERROR: 500,
} as const;
export type LoginCodeValue = (typeof LoginCode)[keyof typeof LoginCode];

/** StatusNotifyCode values (docs/protocol.md 5.2). */
export const StatusNotifyCode = {
  READ: 1,
  ENTER_SESSION: 2,
  INITED: 3,
  SYNC_CONV: 4,
  QUIT_SESSION: 5,
} as const;

/** webwxpushloginurl string codes (docs/protocol.md 4.5). */
export const PUSH_LOGIN_MEANINGS: Readonly<Record<string, string>> = {
  '1': 'args error: the long-lived cookies (wxuin, webwx_auth_ticket) are missing; scan a QR code instead',
  '2': 'antispam: push login refused for now; scan a QR code instead',
  '3': 'device authinfo invalid: the saved device cookies are no longer accepted; scan a QR code instead',
};

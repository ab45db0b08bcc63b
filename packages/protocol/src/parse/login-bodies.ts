import { MalformedBodyError } from '../errors';
import { JsSyntaxError, parseJsAssignments, type JsValue } from './js-assignments';

function assignments(endpoint: string, body: string): Map<string, JsValue> {
  try {
    return parseJsAssignments(body);
  } catch (err) {
    if (err instanceof JsSyntaxError) throw new MalformedBodyError(endpoint, err.message, body, { cause: err });
    throw err;
  }
}

function numberAt(endpoint: string, body: string, values: Map<string, JsValue>, path: string): number {
  const v = values.get(path);
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number') throw new MalformedBodyError(endpoint, `no numeric ${path}`, body);
  return n;
}

function stringAt(values: Map<string, JsValue>, path: string): string | undefined {
  const v = values.get(path);
  return typeof v === 'string' ? v : undefined;
}

/** jslogin: `window.QRLogin.code = 200; window.QRLogin.uuid = "...";` */
export interface JsLoginResult {
  code: number;
  uuid: string | undefined;
}

export function parseJsLoginBody(body: string): JsLoginResult {
  const values = assignments('jslogin', body);
  const code = numberAt('jslogin', body, values, 'window.QRLogin.code');
  const uuid = stringAt(values, 'window.QRLogin.uuid');
  if (code === 200 && !uuid) throw new MalformedBodyError('jslogin', 'code 200 without a uuid', body);
  return { code, uuid };
}

/** login poll: `window.code=201;window.userAvatar = '...';` or `window.code=200;window.redirect_uri="...";` */
export interface LoginPollBody {
  code: number;
  redirectUri?: string;
  userAvatar?: string;
}

export function parseLoginPollBody(body: string): LoginPollBody {
  const values = assignments('login', body);
  const code = numberAt('login', body, values, 'window.code');
  const result: LoginPollBody = { code };
  const avatar = stringAt(values, 'window.userAvatar');
  if (avatar !== undefined) result.userAvatar = avatar;
  const redirect = stringAt(values, 'window.redirect_uri');
  if (code === 200) {
    if (!redirect || !/^https?:\/\//.test(redirect)) throw new MalformedBodyError('login', 'code 200 without a valid redirect_uri', body);
    result.redirectUri = redirect;
  }
  return result;
}

/** synccheck: `window.synccheck={retcode:"0",selector:"2"}` */
export interface SyncCheckBody {
  retcode: number;
  selector: number;
}

export function parseSyncCheckBody(body: string): SyncCheckBody {
  const values = assignments('synccheck', body);
  const obj = values.get('window.synccheck');
  if (obj === undefined || typeof obj !== 'object') throw new MalformedBodyError('synccheck', 'no window.synccheck object', body);
  const toInt = (v: JsValue | undefined, name: string): number => {
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new MalformedBodyError('synccheck', `${name} is not a number`, body);
    return Number(s);
  };
  return { retcode: toInt(obj['retcode'], 'retcode'), selector: toInt(obj['selector'], 'selector') };
}

import { PUSH_LOGIN_MEANINGS } from '../codes';
import { MalformedBodyError, PushLoginRefusedError, ProtocolError } from '../errors';
import { deriveHosts, hostsFromRedirectUri, QR_HOST, type WebwxHosts } from '../hosts';
import type { WebwxHttp } from '../http/client';
import { negatedNow } from '../ids';
import { parseJsLoginBody, parseLoginPollBody, type LoginPollBody } from '../parse/login-bodies';
import { parseLoginTicketXml, type LoginTicket } from '../parse/login-ticket';
import type { LoginMode } from '../session-context';
import { DESKTOP_CLIENT_VERSION, DESKTOP_EXTSPAM } from './uos';

/** The only appid jslogin accepts (docs/protocol.md 4.1). */
export const WEB_APPID = 'wx782c26e4c19acffb';

export interface UuidOptions {
  /** LOGIN host to ask; default `login.wx.qq.com`. */
  loginHost?: string;
  mode?: LoginMode;
  lang?: string;
  signal?: AbortSignal;
}

/** jslogin: get a login uuid. */
export async function requestLoginUuid(http: WebwxHttp, o: UuidOptions = {}): Promise<string> {
  const redirect = `https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage${o.mode === 'desktop' ? '?mod=desktop' : ''}`;
  const res = await http.request({
    endpoint: 'jslogin',
    method: 'GET',
    url: `https://${o.loginHost ?? deriveHosts('wx.qq.com').login}/jslogin`,
    query: { appid: WEB_APPID, redirect_uri: redirect, fun: 'new', lang: o.lang ?? 'zh_CN', _: Date.now() },
    signal: o.signal,
  });
  const parsed = parseJsLoginBody(res.text);
  if (parsed.code !== 200 || !parsed.uuid) {
    throw new MalformedBodyError('jslogin', `QRLogin.code ${parsed.code} (the server refused to issue a uuid; retry later)`, res.text);
  }
  return parsed.uuid;
}

/** What the QR code must encode for the phone to scan. */
export function qrCodeContent(uuid: string): string {
  return `https://login.weixin.qq.com/l/${uuid}`;
}

/** URL of the ready-made QR JPEG. */
export function qrImageUrl(uuid: string): string {
  return `https://${QR_HOST}/qrcode/${uuid}`;
}

/** Fetch the ready-made QR JPEG. */
export async function fetchQrImage(http: WebwxHttp, uuid: string, signal?: AbortSignal): Promise<Buffer> {
  const res = await http.request({ endpoint: 'qrcode', method: 'GET', url: qrImageUrl(uuid), query: { t: 'webwx', _: Date.now() }, binary: true, signal });
  return res.bytes;
}

export interface PollOptions {
  loginHost?: string;
  /** 1 on the first poll after showing a QR, 0 afterwards. */
  tip?: 0 | 1;
  signal?: AbortSignal;
  /** Client timeout; the server holds up to ~25 s. Default 35 s like the official client. */
  timeoutMs?: number;
}

/** One login poll (long poll): 408 waiting, 201 scanned, 200 confirmed, 400/500/202 need a new uuid. */
export async function pollLogin(http: WebwxHttp, uuid: string, o: PollOptions = {}): Promise<LoginPollBody> {
  const res = await http.request({
    endpoint: 'login',
    method: 'GET',
    url: `https://${o.loginHost ?? deriveHosts('wx.qq.com').login}/cgi-bin/mmwebwx-bin/login`,
    query: { loginicon: 'true', uuid, tip: o.tip ?? 0, r: negatedNow(), _: Date.now() },
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? 35_000,
  });
  return parseLoginPollBody(res.text);
}

export interface TicketOptions {
  mode?: LoginMode;
  /** Desktop mode's `extspam` header value (a device descriptor the UOS client sends). Default: DESKTOP_EXTSPAM. */
  extspam?: string;
  signal?: AbortSignal;
}

export interface TicketResult {
  ticket: LoginTicket;
  /** Hosts derived from the redirect_uri host: fixed for the whole session. */
  hosts: WebwxHosts;
}

/**
 * webwxnewloginpage: exchange the redirect_uri for credentials. Redirects are not followed:
 * in desktop mode the answer is a 301 whose body and Set-Cookie lines are the result.
 */
export async function fetchLoginTicket(http: WebwxHttp, redirectUri: string, o: TicketOptions = {}): Promise<TicketResult> {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxnewloginpage', `not a URL: ${JSON.stringify(redirectUri)}`);
  }
  url.searchParams.set('fun', 'new');
  url.searchParams.set('version', 'v2');
  const headers: Record<string, string> = {};
  if (o.mode === 'desktop') {
    url.searchParams.set('mod', 'desktop');
    headers['client-version'] = DESKTOP_CLIENT_VERSION;
    headers['Referer'] = 'https://wx.qq.com/?&lang=zh_CN&target=t';
    // Without it the server refuses the desktop login with ret 1203 (protocol.md 12.3).
    headers['extspam'] = o.extspam || DESKTOP_EXTSPAM;
  }
  const res = await http.request({ endpoint: 'webwxnewloginpage', method: 'GET', url: url.toString(), headers, acceptStatus: [301, 302], signal: o.signal });
  return { ticket: await parseLoginTicketXml(res.text), hosts: hostsFromRedirectUri(redirectUri) };
}

/**
 * webwxpushloginurl: ask the phone to confirm a login without scanning. Needs the long-lived
 * cookies of an earlier session in the jar. Resolves to the new uuid to poll.
 */
export async function requestPushLogin(http: WebwxHttp, mainHost: string, uin: number, o: { mode?: LoginMode; signal?: AbortSignal } = {}): Promise<string> {
  const res = await http.request({
    endpoint: 'webwxpushloginurl',
    method: 'GET',
    url: `https://${mainHost}/cgi-bin/mmwebwx-bin/webwxpushloginurl`,
    query: { uin, ...(o.mode === 'desktop' ? { mod: 'desktop' } : {}) },
    signal: o.signal,
  });
  let body: { ret?: unknown; msg?: unknown; uuid?: unknown };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch (err) {
    throw new MalformedBodyError('webwxpushloginurl', 'not JSON', res.text, { cause: err });
  }
  const ret = typeof body?.ret === 'string' || typeof body?.ret === 'number' ? String(body.ret) : undefined;
  if (ret === undefined) throw new MalformedBodyError('webwxpushloginurl', 'no ret', res.text);
  if (ret !== '0') throw new PushLoginRefusedError(ret, String(body.msg ?? ''), PUSH_LOGIN_MEANINGS[ret] ?? 'unknown refusal; scan a QR code instead');
  if (typeof body.uuid !== 'string' || !body.uuid) throw new MalformedBodyError('webwxpushloginurl', 'ret 0 without uuid', res.text);
  return body.uuid;
}

/** `GET https://MAIN/`: whether the jar's cookies are still logged in (docs/protocol.md 4.6). */
export async function checkLoggedIn(http: WebwxHttp, mainHost: string, signal?: AbortSignal): Promise<boolean> {
  const res = await http.request({ endpoint: 'index', method: 'GET', url: `https://${mainHost}/`, signal });
  const m = /isLogin\s*:\s*!!"(\d*)"/.exec(res.text);
  if (!m) throw new MalformedBodyError('index', 'no window.MMCgi.isLogin', res.text);
  return m[1] === '1';
}

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startSimulator, type Simulator, type SimulatorOptions } from '../src';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw header lines, to see duplicated Content-Type headers. */
  rawHeaders: string[];
  body: Buffer;
  text: string;
}

/** Sends one request to the simulator as a client would to the real host: same path, real Host header. */
export function call(
  sim: Simulator,
  host: string,
  path: string,
  init: { method?: string; body?: string | Buffer; cookies?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: host, ...init.headers };
    const cookie = Object.entries(init.cookies ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    if (cookie) headers['Cookie'] = cookie;
    if (typeof init.body === 'string' && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/json;charset=UTF-8';
    const req = httpRequest({ host: '127.0.0.1', port: sim.port, path, method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** name → value of every Set-Cookie line. */
export function cookiesOf(reply: Reply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of reply.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (pair && eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

const tag = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';

export const MM = '/cgi-bin/mmwebwx-bin';

/** A logged-in client's credentials. */
export interface LoggedIn {
  uin: string;
  sid: string;
  skey: string;
  passTicket: string;
  cookies: Record<string, string>;
  baseRequest: { Uin: number; Sid: string; Skey: string; DeviceID: string };
  userName: string;
  syncKey: { Count: number; List: Array<{ Key: number; Val: number }> };
  checkKey: { Count: number; List: Array<{ Key: number; Val: number }> };
}

export const LOGIN_HOST = 'login.wx.qq.com';
export const MAIN_HOST = 'wx2.qq.com';
export const PUSH_HOST = 'webpush.wx2.qq.com';

export async function getUuid(sim: Simulator, redirect = '', lang = 'zh_CN'): Promise<string> {
  const reply = await call(sim, LOGIN_HOST, `/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=${lang}&redirect_uri=${encodeURIComponent(redirect)}&_=1`);
  const uuid = /uuid = "([^"]+)"/.exec(reply.text)?.[1];
  if (!uuid) throw new Error(`no uuid in ${reply.text}`);
  return uuid;
}

export function poll(sim: Simulator, uuid: string): Promise<Reply> {
  return call(sim, LOGIN_HOST, `${MM}/login?loginicon=true&uuid=${uuid}&tip=0&r=-1&_=2`);
}

/** jslogin → confirm → poll (201, 200) → newloginpage → init (+ statusnotify when asked). */
export async function login(sim: Simulator, opts: { notify?: boolean; lang?: string } = {}): Promise<LoggedIn> {
  const uuid = await getUuid(sim, '', opts.lang);
  sim.confirm();
  expect((await poll(sim, uuid)).text).toMatch(/^window\.code=201;/);
  const ok = await poll(sim, uuid);
  const redirect = /window\.redirect_uri="([^"]+)"/.exec(ok.text)?.[1];
  if (!redirect) throw new Error(`no redirect_uri in ${ok.text}`);
  const url = new URL(redirect);
  const page = await call(sim, url.host, `${url.pathname}${url.search}&fun=new&version=v2`);
  const cookies = cookiesOf(page);
  const creds = { uin: tag(page.text, 'wxuin'), sid: tag(page.text, 'wxsid'), skey: tag(page.text, 'skey'), passTicket: tag(page.text, 'pass_ticket') };
  const baseRequest = { Uin: Number(creds.uin), Sid: creds.sid, Skey: creds.skey, DeviceID: 'e123456789012345' };
  const init = await call(sim, MAIN_HOST, `${MM}/webwxinit?r=-1&lang=zh_CN&pass_ticket=${creds.passTicket}`, { body: JSON.stringify({ BaseRequest: baseRequest }), cookies });
  const initJson = JSON.parse(init.text) as { User: { UserName: string }; SyncKey: LoggedIn['syncKey'] };
  const me: LoggedIn = { ...creds, cookies, baseRequest, userName: initJson.User.UserName, syncKey: initJson.SyncKey, checkKey: initJson.SyncKey };
  if (opts.notify) {
    await api(sim, me, 'webwxstatusnotify', { Code: 3, FromUserName: me.userName, ToUserName: me.userName, ClientMsgId: Date.now() });
  }
  return me;
}

/** POST a JSON API on MAIN with BaseRequest and cookies; returns the parsed JSON. */
export async function api(sim: Simulator, me: LoggedIn, name: string, body: Record<string, unknown> = {}, query = ''): Promise<Record<string, any>> {
  const reply = await call(sim, MAIN_HOST, `${MM}/${name}?lang=zh_CN&pass_ticket=${me.passTicket}${query}`, {
    body: JSON.stringify({ BaseRequest: me.baseRequest, ...body }),
    cookies: me.cookies,
  });
  return JSON.parse(reply.text) as Record<string, any>;
}

export function synccheck(sim: Simulator, me: LoggedIn, key = me.checkKey, host = PUSH_HOST): Promise<Reply> {
  const synckey = encodeURIComponent(key.List.map((k) => `${k.Key}_${k.Val}`).join('|'));
  return call(sim, host, `${MM}/synccheck?r=1&skey=${encodeURIComponent(me.skey)}&sid=${me.sid}&uin=${me.uin}&deviceid=e1&synckey=${synckey}&_=3`, { cookies: me.cookies });
}

/** webwxsync that adopts the returned keys like a correct client (ignoring Count 0). */
export async function sync(sim: Simulator, me: LoggedIn): Promise<Record<string, any>> {
  const json = await api(sim, me, 'webwxsync', { SyncKey: me.syncKey, rr: -1 }, `&sid=${me.sid}&skey=${me.skey}`);
  if (json['SyncKey']?.Count > 0) me.syncKey = json['SyncKey'];
  if (json['SyncCheckKey']?.Count > 0) me.checkKey = json['SyncCheckKey'];
  return json;
}

export const selector = (reply: Reply): string => /retcode:"(\d+)",selector:"(\d+)"/.exec(reply.text)?.slice(1).join('/') ?? reply.text;

/** A confirmed login's redirect_uri (jslogin, confirm on the phone, poll until 200). */
export async function redirectFor(target: Simulator, jsloginRedirect = ''): Promise<URL> {
  const uuid = await getUuid(target, jsloginRedirect);
  target.confirm();
  await poll(target, uuid);
  const text = (await poll(target, uuid)).text;
  return new URL(/redirect_uri="([^"]+)"/.exec(text)?.[1] ?? '');
}

/** Deterministic bytes (no randomness: failures must reproduce). */
export const bytes = (n: number, seed = 7): Buffer => {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};

/**
 * A simulator with one client logged in (what the upload and media-send suites start from in each
 * beforeEach): fast polls and a fixed seed, so the contacts (and their user names) repeat.
 */
export async function startLoggedIn(options: SimulatorOptions = {}): Promise<{ sim: Simulator; me: LoggedIn }> {
  const sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 21, ...options });
  return { sim, me: await login(sim) };
}

/** The user name of the friend called `nickName` ('' when there is none). */
export const friendId = (sim: Simulator, nickName: string): string => sim.state().friends.find((f) => f.nickName === nickName)?.userName ?? '';


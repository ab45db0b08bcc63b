import type { BaseRequest } from '@wxbot/wire-types';
import type { WebwxHosts } from './hosts';
import type { WebwxHttp } from './http/client';
import { newDeviceId } from './ids';
import type { Credentials } from './parse/login-ticket';

/** Web (plain) or desktop (UOS, docs/protocol.md 12.3) login flavour. */
export type LoginMode = 'web' | 'desktop';

/**
 * Everything a post-login endpoint call needs. The protocol package keeps no state:
 * the caller owns this object and updates `credentials.skey` when the server sends a new one.
 */
export interface SessionContext {
  readonly http: WebwxHttp;
  readonly hosts: WebwxHosts;
  readonly credentials: Credentials;
  readonly lang?: string;
  readonly mode?: LoginMode;
}

export function baseRequest(credentials: Credentials): BaseRequest {
  return { Uin: credentials.uin, Sid: credentials.sid, Skey: credentials.skey, DeviceID: newDeviceId() };
}

/** `https://MAIN/cgi-bin/mmwebwx-bin/<name>` */
export function mainUrl(ctx: SessionContext, name: string): string {
  return `https://${ctx.hosts.main}/cgi-bin/mmwebwx-bin/${name}`;
}

/** The official client's Referer for API calls. */
export function refererHeaders(ctx: SessionContext): Record<string, string> {
  return { Referer: `https://${ctx.hosts.main}/`, Origin: `https://${ctx.hosts.main}` };
}

export function lang(ctx: SessionContext): string {
  return ctx.lang ?? 'zh_CN';
}

/** A JSON API call on the main host: its query parameters and body fields besides the fixed ones. */
export interface MainCall {
  /** Before `lang` and `pass_ticket`, in this order. */
  query?: Record<string, string | number | undefined>;
  /** After `BaseRequest`. */
  body?: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/**
 * POST a JSON API call to the main host the way the official client makes every one:
 * `?…&lang=…&pass_ticket=…`, body `{ BaseRequest, … }`, Referer and Origin of the main host.
 * Resolves with the body text (each endpoint parses and checks its own answer).
 */
export async function postMain(ctx: SessionContext, endpoint: string, call: MainCall): Promise<string> {
  const res = await ctx.http.request({
    endpoint,
    method: 'POST',
    url: mainUrl(ctx, endpoint),
    query: { ...call.query, lang: lang(ctx), pass_ticket: ctx.credentials.passTicket },
    json: { BaseRequest: baseRequest(ctx.credentials), ...call.body },
    headers: refererHeaders(ctx),
    signal: call.signal,
    ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
  });
  return res.text;
}

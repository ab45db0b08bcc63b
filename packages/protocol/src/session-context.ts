import type { BaseRequest } from '@wxbot/wire-types';
import type { WebwxHosts } from './hosts';
import type { WebwxHttp } from './http/client';
import { newDeviceId } from './ids';
import type { Credentials } from './parse/login-ticket';

/** Web (plain) or desktop (UOS, protocol.md 12.3) login flavour. */
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

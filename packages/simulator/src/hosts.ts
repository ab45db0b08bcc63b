/**
 * Virtual hosts. Clients reach the simulator on 127.0.0.1 but send the real
 * `Host` header, so the host family of each request is known and checked as
 * the real servers would (docs/protocol.md 2.1, 18.2).
 */

/** The four host roles of one webwx deployment. */
export interface HostFamily {
  main: string;
  login: string;
  file: string;
  push: string;
}

/** MAIN hosts that `redirect_uri` may point to. */
export const MAIN_HOSTS = ['wx.qq.com', 'wx2.qq.com', 'wx8.qq.com', 'web.wechat.com', 'web2.wechat.com'] as const;

/**
 * Derives LOGIN/FILE/PUSH from MAIN with the official client's ordered
 * substring tests (wx2 → wx8 → qq.com → web2.wechat.com → wechat.com).
 *
 * @example deriveHosts('wx2.qq.com').push === 'webpush.wx2.qq.com'
 */
export function deriveHosts(main: string): HostFamily {
  const family = (prefix: string): HostFamily => ({
    main,
    login: `login.${prefix}`,
    file: `file.${prefix}`,
    push: `webpush.${prefix}`,
  });
  if (main.includes('wx2.qq.com')) return family('wx2.qq.com');
  if (main.includes('wx8.qq.com')) return family('wx8.qq.com');
  if (main.includes('qq.com')) return family('wx.qq.com');
  if (main.includes('web2.wechat.com')) return family('web2.wechat.com');
  if (main.includes('wechat.com')) return family('web.wechat.com');
  return { main, login: 'login.weixin.qq.com', file: 'file.wx.qq.com', push: 'webpush.weixin.qq.com' };
}

/**
 * What a Host header names. `local` covers 127.0.0.1, localhost and anything
 * unknown: it is served as the configured MAIN host (and, for convenience
 * with curl, also accepted for login and synccheck).
 */
export type HostKind = 'main' | 'login' | 'file' | 'push' | 'local';

/** Lower-cases and strips any `:port`. */
export function hostName(header: string | undefined): string {
  const raw = (header ?? '').trim().toLowerCase();
  if (raw.startsWith('[')) return raw.slice(0, raw.indexOf(']') + 1);
  const colon = raw.indexOf(':');
  return colon >= 0 ? raw.slice(0, colon) : raw;
}

const WEBWX_DOMAIN = /(^|\.)(qq\.com|wechat\.com)$/;

export function classifyHost(host: string): HostKind {
  if (!WEBWX_DOMAIN.test(host)) return 'local';
  if (host.startsWith('login.')) return 'login';
  if (host.startsWith('webpush')) return 'push';
  if (host.startsWith('file')) return 'file';
  return 'main';
}

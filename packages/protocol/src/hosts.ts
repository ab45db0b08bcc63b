/** The four hosts of a session, derived from the `redirect_uri` host (docs/protocol.md 2.1). */
export interface WebwxHosts {
  /** JSON APIs, media downloads, newloginpage, pushloginurl. */
  readonly main: string;
  /** jslogin and the login poll. */
  readonly login: string;
  /** webwxuploadmedia and webwxgetmedia. */
  readonly file: string;
  /** synccheck. */
  readonly push: string;
}

/** The QR image is always served from this host. */
export const QR_HOST = 'login.weixin.qq.com';

/** Before login (no redirect_uri yet) clients start on wx.qq.com's login host. */
export const DEFAULT_MAIN_HOST = 'wx.qq.com';

// Order matters: these are substring tests and 'wx2.qq.com' also contains 'qq.com'.
const RULES: ReadonlyArray<readonly [needle: string, login: string, file: string, push: string]> = [
  ['wx2.qq.com', 'login.wx2.qq.com', 'file.wx2.qq.com', 'webpush.wx2.qq.com'],
  ['wx8.qq.com', 'login.wx8.qq.com', 'file.wx8.qq.com', 'webpush.wx8.qq.com'],
  ['qq.com', 'login.wx.qq.com', 'file.wx.qq.com', 'webpush.wx.qq.com'],
  ['web2.wechat.com', 'login.web2.wechat.com', 'file.web2.wechat.com', 'webpush.web2.wechat.com'],
  ['wechat.com', 'login.web.wechat.com', 'file.web.wechat.com', 'webpush.web.wechat.com'],
];

/**
 * Derive LOGIN/FILE/PUSH from the MAIN host exactly as the official client does.
 * @example deriveHosts('wx2.qq.com').push === 'webpush.wx2.qq.com'
 */
export function deriveHosts(mainHost: string): WebwxHosts {
  const main = mainHost.toLowerCase();
  for (const [needle, login, file, push] of RULES) {
    if (main.includes(needle)) return { main, login, file, push };
  }
  return { main, login: 'login.weixin.qq.com', file: 'file.wx.qq.com', push: 'webpush.weixin.qq.com' };
}

/** MAIN host of a `redirect_uri` (the host switch of docs/protocol.md 2.2). */
export function hostsFromRedirectUri(redirectUri: string): WebwxHosts {
  return deriveHosts(new URL(redirectUri).host);
}

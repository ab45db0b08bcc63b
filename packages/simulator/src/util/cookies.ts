/**
 * Cookie parsing and Set-Cookie lines with the attributes the real servers
 * send (docs/protocol.md 3.4, CAP): `Domain=<MAIN>` (or `.qq.com` for
 * webwx_data_ticket), `Path=/`, an `Expires` in the old `Mon, 31-Dec-2018
 * 11:12:21 GMT` form, and `Secure`.
 */

/** Parses a `Cookie` request header into name → value (first one wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** `Mon, 31-Dec-2018 11:12:21 GMT`, the dashed form seen in captures. */
export function cookieDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

export const HOUR_MS = 3_600_000;
export const TEN_YEARS_MS = 10 * 365 * 24 * HOUR_MS;

/** One Set-Cookie line. */
export function setCookie(name: string, value: string, domain: string, lifetimeMs: number, now = Date.now()): string {
  return `${name}=${value}; Domain=${domain}; Path=/; Expires=${cookieDate(now + lifetimeMs)}; Secure`;
}

/** `.qq.com` for any qq.com host, `.wechat.com` for wechat.com hosts. */
export function parentDomain(host: string): string {
  const labels = host.split('.');
  return `.${labels.slice(-2).join('.')}`;
}

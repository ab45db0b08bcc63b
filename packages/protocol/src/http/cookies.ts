import { Cookie, type CookieJar } from 'tough-cookie';

/**
 * The Cookie header for `url` from the jar. A caller's own Cookie header is merged in, its
 * values winning by name; one value per name, as http-cookie-agent sent before (a name set
 * for two domains or paths goes once, with the jar's last match).
 */
export function cookieHeader(jar: CookieJar, url: string, callerCookie: string | undefined): string {
  const cookies = new Map<string, Cookie>();
  for (const cookie of jar.getCookiesSync(url)) cookies.set(cookie.key, cookie);
  for (const part of callerCookie?.split(';') ?? []) {
    const cookie = Cookie.parse(part.trim());
    if (cookie) cookies.set(cookie.key, cookie);
  }
  let out = '';
  for (const cookie of cookies.values()) out += `${out ? '; ' : ''}${cookie.cookieString()}`;
  return out;
}

/** Store each `Set-Cookie` of a response against the request's real URL; invalid ones are ignored, as browsers do. */
export function storeCookies(jar: CookieJar, url: string, setCookie: string | string[] | undefined): void {
  if (setCookie === undefined) return;
  for (const cookie of typeof setCookie === 'string' ? [setCookie] : setCookie) jar.setCookieSync(cookie, url, { ignoreError: true });
}

import { Cookie, type CookieJar } from 'tough-cookie';

/** Where a store's change counter lives (one per store, however many clients share the jar). */
const TRACKER = Symbol.for('wxbot.cookieTracker');

interface Tracker {
  /** Bumped by every change that can alter a Cookie header (see `cookieVersion`). */
  version: number;
}

type TrackedStore = Record<string | symbol, unknown> & { [TRACKER]?: Tracker };

/** Whether replacing `before` by `after` can change what a request carries. */
function headerRelevant(before: Cookie, after: Cookie): boolean {
  return (
    before.key !== after.key ||
    before.value !== after.value ||
    before.domain !== after.domain ||
    before.path !== after.path ||
    before.secure !== after.secure ||
    before.hostOnly !== after.hostOnly ||
    // A later expiry keeps every cached header valid (they expire at the earliest anyway).
    (after.expiryTime() ?? Infinity) < (before.expiryTime() ?? Infinity)
  );
}

/**
 * Count the changes of `jar`'s store that can alter a Cookie header: a cookie added or removed,
 * or replaced with another value, domain, path, flags or an earlier expiry. A server refreshing
 * a cookie to the same value with a later expiry (webwxsync does so on every call) is not one.
 * The store's own methods are wrapped (on the instance), so writes through any API count.
 */
function tracker(jar: CookieJar): Tracker {
  const store = jar.store as unknown as TrackedStore;
  const existing = store[TRACKER];
  if (existing) return existing;
  const t: Tracker = { version: 0 };
  store[TRACKER] = t;
  // MemoryCookieStore's updateCookie is a putCookie: only the outermost call decides.
  let depth = 0;
  const wrap = (name: string, changes: (...args: unknown[]) => boolean): void => {
    const original = store[name];
    if (typeof original !== 'function') return;
    store[name] = function (this: unknown, ...args: unknown[]) {
      if (depth === 0 && changes(...args)) t.version += 1;
      depth += 1;
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        depth -= 1;
      }
    };
  };
  for (const name of ['putCookie', 'removeCookie', 'removeCookies', 'removeAllCookies']) wrap(name, () => true);
  wrap('updateCookie', (before, after) => !(before instanceof Cookie) || !(after instanceof Cookie) || headerRelevant(before, after));
  return t;
}

/** The change counter of `jar` (see `tracker`): equal values mean the same cookies would be sent. */
export function cookieVersion(jar: CookieJar): number {
  return tracker(jar).version;
}

/**
 * The jar's Cookie header per URL (scheme, host, path), reused until the jar changes or a
 * cookie in it expires. Matching cookies against a URL (public suffixes, domain and path
 * rules) was a tenth of the bot's CPU when done for every request.
 */
export class CookieHeaders {
  private readonly tracker: Tracker;
  private readonly cache = new Map<string, { version: number; validUntil: number; header: string }>();

  constructor(private readonly jar: CookieJar) {
    this.tracker = tracker(jar);
  }

  /**
   * The Cookie header for `url`. A caller's own Cookie header is merged in, its values winning
   * by name; one value per name, as http-cookie-agent sent before (a name set for two domains or
   * paths goes once, with the jar's last match).
   */
  header(url: URL, callerCookie: string | undefined): string {
    if (callerCookie !== undefined) return merge(this.jar.getCookiesSync(url.href), callerCookie);
    const key = `${url.protocol}//${url.host}${url.pathname}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.version === this.tracker.version && now < hit.validUntil) return hit.header;
    // Read the version first: a change made while matching makes the entry stale, not wrong.
    const version = this.tracker.version;
    const cookies = this.jar.getCookiesSync(url.href);
    let validUntil = Infinity;
    for (const c of cookies) validUntil = Math.min(validUntil, c.expiryTime() ?? Infinity);
    const header = merge(cookies, undefined);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, { version: this.tracker.version === version ? version : -1, validUntil, header });
    return header;
  }
}

function merge(fromJar: readonly Cookie[], callerCookie: string | undefined): string {
  const cookies = new Map<string, Cookie>();
  for (const cookie of fromJar) cookies.set(cookie.key, cookie);
  for (const part of callerCookie?.split(';') ?? []) {
    const cookie = Cookie.parse(part.trim());
    if (cookie) cookies.set(cookie.key, cookie);
  }
  let out = '';
  for (const cookie of cookies.values()) out += `${out ? '; ' : ''}${cookie.cookieString()}`;
  return out;
}

const EXPIRES = /;\s*expires\s*=\s*([^;]*)/i;
const MAX_AGE = /;\s*max-age\s*=\s*(-?\d+)/i;

/** When a Set-Cookie line says its cookie ends (ms), Infinity for a session cookie, NaN when unreadable. */
function endOf(line: string, now: number): number {
  const maxAge = MAX_AGE.exec(line);
  if (maxAge) return now + Number(maxAge[1]) * 1000;
  const expires = EXPIRES.exec(line);
  return expires ? Date.parse(expires[1] ?? '') : Infinity;
}

/**
 * Stores each `Set-Cookie` of a response against the request's real URL (invalid ones are
 * ignored, as browsers do), skipping a line that only pushes back the expiry of a cookie it
 * stored before, while the jar has not changed since: webwxsync sends five such lines on every
 * call, and parsing and matching them was 5% of the bot's CPU. The jar's expiry then lags the
 * server's by at most a tenth of the cookie's remaining life (a 12-hour cookie: ~1 hour).
 */
export class CookieStorer {
  private readonly tracker: Tracker;
  /** Per URL and line without its expiry: when the stored cookie ends, and the jar's version after. */
  private readonly stored = new Map<string, { ends: number; version: number }>();

  constructor(private readonly jar: CookieJar) {
    this.tracker = tracker(jar);
  }

  store(url: URL, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    const now = Date.now();
    for (const line of typeof setCookie === 'string' ? [setCookie] : setCookie) {
      const key = `${url.host}${url.pathname}\n${line.replace(EXPIRES, '').replace(MAX_AGE, '')}`;
      const ends = endOf(line, now);
      const seen = this.stored.get(key);
      if (seen && seen.version === this.tracker.version && ends >= seen.ends && (ends === seen.ends || ends - seen.ends < (seen.ends - now) / 10)) continue;
      this.jar.setCookieSync(line, url.href, { ignoreError: true });
      if (this.stored.size > 256) this.stored.clear();
      this.stored.set(key, { ends, version: this.tracker.version });
    }
  }
}

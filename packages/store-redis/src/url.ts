import { WxbotError } from '@wxbot/core';

// The store URL forms. `redis+sentinel://` is the de-facto form (defined by Python's
// Redis-Sentinel-Url, also used by RedisVL, LangChain and Prefect): Sentinels separated by
// commas, the master's name as the first path segment, the database as the second; the user and
// password are the data nodes'. `redis-cluster://` lists seed nodes the same way.

/** How many replicas must have a write before it counts as durable (`?wait=N&waitTimeout=MS`). */
export interface ReplicaWait {
  /** WAIT's numreplicas: a group commit is acknowledged only once this many replicas have it. */
  readonly replicas: number;
  /** WAIT's timeout per attempt; fewer replicas by then: the write is retried (the account pauses). */
  readonly timeoutMs: number;
}

export interface RedisHost {
  readonly host: string;
  readonly port: number;
}

/** A parsed store URL. */
export type RedisTarget =
  | { readonly kind: 'redis'; readonly url: string; readonly wait?: ReplicaWait }
  | { readonly kind: 'sentinel'; readonly tls: boolean; readonly sentinels: RedisHost[]; readonly name: string; readonly db: number; readonly username?: string; readonly password?: string; readonly wait?: ReplicaWait }
  | { readonly kind: 'cluster'; readonly tls: boolean; readonly nodes: RedisHost[]; readonly username?: string; readonly password?: string; readonly wait?: ReplicaWait };

/** Default WAIT timeout per attempt. */
export const DEFAULT_WAIT_TIMEOUT_MS = 1_000;

const SCHEME = /^(rediss?|rediss?\+sentinel|rediss?-cluster):\/\//i;
const FORMS = 'redis://[:password@]host:port/db, redis+sentinel://[:password@]host:26379[,host:26379...]/MASTER[/db] or redis-cluster://[:password@]host:port[,host:port...]';

/** Whether `store` names Redis: `redis://`, `rediss://`, `redis+sentinel://`, `rediss+sentinel://`, `redis-cluster://`, `rediss-cluster://`. */
export function isRedisUrl(store: string): boolean {
  return SCHEME.test(store);
}

function bad(url: string, problem: string): WxbotError {
  return new WxbotError('WXBOT_STORE_URL', `store ${JSON.stringify(redactRedisUrl(url))}: ${problem}; use ${FORMS} (docs/scaling.md)`, { store: redactRedisUrl(url) });
}

/** Split `scheme://[userinfo@]hosts[/path][?query]` without the WHATWG parser (which refuses `h1:1,h2:2`). */
function split(url: string): { scheme: string; userinfo?: string; hosts: string; path: string; query: string } | undefined {
  const m = /^([a-z+-]+):\/\/(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?$/i.exec(url);
  if (!m) return undefined;
  return { scheme: m[1]!.toLowerCase(), ...(m[2] !== undefined ? { userinfo: m[2] } : {}), hosts: m[3]!, path: m[4]!, query: m[5] ?? '' };
}

function hostsOf(url: string, hosts: string, defaultPort: number): RedisHost[] {
  if (!hosts) throw bad(url, 'no host');
  return hosts.split(',').map((item) => {
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(item.trim());
    const port = Number(m?.[2] ?? defaultPort);
    if (!m || port < 1 || port > 65535) throw bad(url, `${JSON.stringify(item)} is not host[:port]`);
    return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port };
  });
}

function credentials(url: string, userinfo: string | undefined): { username?: string; password?: string } {
  if (userinfo === undefined) return {};
  const colon = userinfo.indexOf(':');
  try {
    // `user:pass`, `:pass`; a lone `pass` is the password (as ioredis reads redis://pass@host).
    const username = colon > 0 ? decodeURIComponent(userinfo.slice(0, colon)) : undefined;
    const password = decodeURIComponent(colon >= 0 ? userinfo.slice(colon + 1) : userinfo);
    return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
  } catch {
    throw bad(url, 'the user or password is not URL-encoded');
  }
}

function db(url: string, segment: string | undefined, what: string): number {
  if (segment === undefined || segment === '') return 0;
  if (!/^\d{1,5}$/.test(segment)) throw bad(url, `${what} ${JSON.stringify(segment)} is not a database number`);
  return Number(segment);
}

/** Read `wait` and `waitTimeout` from the query; `allowOthers` lets other parameters pass (ioredis's, for redis://). */
function waitOf(url: string, query: string, allowOthers: boolean): { wait?: ReplicaWait; rest: URLSearchParams } {
  const params = new URLSearchParams(query);
  const rest = new URLSearchParams();
  let replicas: number | undefined;
  let timeoutMs = DEFAULT_WAIT_TIMEOUT_MS;
  for (const [key, value] of params) {
    if (key === 'wait') {
      if (!/^\d{1,2}$/.test(value)) throw bad(url, `wait=${value} is not a number of replicas (0-99)`);
      replicas = Number(value);
    } else if (key === 'waitTimeout') {
      if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw bad(url, `waitTimeout=${value} is not a number of milliseconds (1-999999)`);
      timeoutMs = Number(value);
    } else if (allowOthers) rest.append(key, value);
    else throw bad(url, `unknown parameter ${JSON.stringify(key)} (known: wait, waitTimeout)`);
  }
  return { ...(replicas ? { wait: { replicas, timeoutMs } } : {}), rest };
}

/**
 * Parse a store URL, or fail with WXBOT_STORE_URL naming what is wrong and the accepted forms.
 * @example
 * parseRedisUrl('redis+sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/mymaster/0?wait=1');
 * // { kind: 'sentinel', sentinels: [...], name: 'mymaster', db: 0, password: 'pw', wait: { replicas: 1, timeoutMs: 1000 } }
 */
export function parseRedisUrl(url: string): RedisTarget {
  const parts = isRedisUrl(url) ? split(url) : undefined;
  if (!parts) throw bad(url, 'not a Redis URL');
  const tls = parts.scheme.startsWith('rediss');
  if (parts.scheme === 'redis' || parts.scheme === 'rediss') {
    const { wait, rest } = waitOf(url, parts.query, true);
    // ioredis reads the rest of a redis:// URL itself (as before these parameters existed).
    const query = rest.toString();
    const plain = `${parts.scheme}://${parts.userinfo !== undefined ? `${parts.userinfo}@` : ''}${parts.hosts}${parts.path}${query ? `?${query}` : ''}`;
    if (parts.hosts.includes(',')) throw bad(url, 'a redis:// URL names one server (use redis+sentinel:// or redis-cluster:// for several)');
    return { kind: 'redis', url: plain, ...(wait ? { wait } : {}) };
  }
  const { wait } = waitOf(url, parts.query, false);
  const creds = credentials(url, parts.userinfo);
  const segments = parts.path.split('/').slice(1);
  if (parts.scheme.endsWith('sentinel')) {
    const [name, dbSegment, ...extra] = segments;
    if (!name) throw bad(url, 'no master name (the name in the sentinels\' "sentinel monitor NAME ...")');
    if (extra.length > 0) throw bad(url, `${JSON.stringify(parts.path)} has more than /MASTER/db`);
    return { kind: 'sentinel', tls, sentinels: hostsOf(url, parts.hosts, 26379), name: decodeURIComponent(name), db: db(url, dbSegment, 'db'), ...creds, ...(wait ? { wait } : {}) };
  }
  if (segments.length > 1 || db(url, segments[0], 'db') !== 0) throw bad(url, 'Redis Cluster has only database 0');
  return { kind: 'cluster', tls, nodes: hostsOf(url, parts.hosts, 6379), ...creds, ...(wait ? { wait } : {}) };
}

/** The URL without its password, for messages and `StateStore.location`. */
export function redactRedisUrl(url: string): string {
  const parts = split(url);
  if (!parts) return '(unparseable Redis URL)';
  let userinfo = '';
  if (parts.userinfo !== undefined) {
    const colon = parts.userinfo.indexOf(':');
    // `user:pass` and `:pass` keep the user; a lone `pass@` is a password too.
    userinfo = colon >= 0 ? `${parts.userinfo.slice(0, colon)}:***@` : parts.userinfo ? '***@' : '@';
  }
  return `${parts.scheme}://${userinfo}${parts.hosts}${parts.path}${parts.query ? `?${parts.query}` : ''}`;
}

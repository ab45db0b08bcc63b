import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { CookieJar } from 'tough-cookie';
import { AbortedError, HttpStatusError, NetworkError, ProtocolError } from '../errors';
import { TransportAgents, type TrustedCa } from './agents';
import { CookieHeaders, CookieStorer, cookieVersion } from './cookies';
import { RequestDeadline } from './deadline';
import { ACCEPT_ENCODING, bodyDecoders, decodeBody } from './decode';
import { parseEndpoint } from './endpoint';
import { ProxyChoice } from './proxy';
import { requestPath } from './query';

/** A desktop Chrome UA, as the official web client sends. */
export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

export interface HttpClientOptions {
  /** `http://HOST:PORT`: send every request there with the real Host header. Default: `process.env.WXBOT_ENDPOINT`. */
  endpoint?: string | undefined;
  /** A jar to reuse (e.g. restored from a saved session). */
  jar?: CookieJar;
  userAgent?: string;
  /** Default request timeout (ms). Long polls pass their own. */
  timeoutMs?: number;
  /**
   * Proxy for every request (`http://host:port`, `https://…`, `user:password@` allowed);
   * `false`: none. Default: the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
   * `NO_PROXY`). Not used with an endpoint override. A malformed value throws
   * ProxyConfigError (`WEBWX_BAD_PROXY`) here, naming the option or variable.
   */
  proxy?: string | false | undefined;
  /** Certificates to trust for https:// hosts besides Node's roots (e.g. a TLS-inspecting proxy's CA). */
  ca?: TrustedCa | undefined;
}

export interface RequestOptions {
  /** Name of the endpoint, for errors (e.g. 'webwxsync'). */
  endpoint: string;
  method: 'GET' | 'POST';
  url: string;
  query?: Record<string, string | number | undefined>;
  /** JSON body (serialised with raw UTF-8 and no `\/`, as the server wants). */
  json?: unknown;
  /** Raw body (e.g. multipart). */
  body?: Buffer | string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Deadline of the whole request (ms); in `stream()`, until the headers, then the longest
   * silence of the body. Default: the client's `timeoutMs`; 0: none.
   */
  timeoutMs?: number;
  /** Statuses accepted besides 200 (e.g. 301 for desktop newloginpage, 206 for video). */
  acceptStatus?: readonly number[];
  binary?: boolean;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body as UTF-8 text (empty for binary requests). */
  text: string;
  /** Body bytes (binary requests only). */
  bytes: Buffer;
}

/** A response whose body has not been read: the caller consumes (or destroys) `body`. */
export interface HttpStreamResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** The HTTP side of a webwx client: one cookie jar, keep-alive connections, typed errors. */
export interface WebwxHttp {
  readonly jar: CookieJar;
  /** The override target when requests are redirected (tests, simulator). */
  readonly endpoint: string | undefined;
  request(options: RequestOptions): Promise<HttpResult>;
  /**
   * Like `request`, but resolves once the headers arrived, with the body as a stream (large
   * downloads go to disk without being held in memory). An unaccepted status throws
   * HttpStatusError after discarding the body. `json`, `binary` are ignored here.
   */
  stream(options: RequestOptions): Promise<HttpStreamResult>;
  /** Value of a cookie that the jar would send to `url`. */
  cookie(url: string, name: string): string | undefined;
  /**
   * Changes whenever the jar changes in a way that can alter what a request carries (a cookie
   * added, removed, given another value, domain, path or flags, or an earlier expiry); a refresh
   * that only extends a cookie's expiry does not count. For savers that want to know when the
   * cookies are worth writing down again.
   */
  readonly cookieVersion: number;
  /**
   * Close the keep-alive connections (a request still in flight fails with NetworkError).
   * The client stays usable: a later request opens new connections.
   */
  close(): void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
// What axios sends for a POST without a type of its own (webwxlogout has no body at all).
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** The default headers by lower-case name, so a caller's `user-agent` replaces `User-Agent`. */
const BASE_NAMES = new Map([
  ['user-agent', 'User-Agent'],
  ['accept', 'Accept'],
  ['accept-encoding', 'Accept-Encoding'],
]);
// ECONNABORTED: axios's own timeout (unused here, we keep one deadline), kept for safety.
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Map what axios, the socket or zlib threw to the typed error of the protocol package. */
function toProtocolError(endpoint: string, err: unknown, deadline: RequestDeadline): ProtocolError {
  if (err instanceof ProtocolError) return err;
  if (deadline.aborted) return new AbortedError(endpoint);
  const code = errorCode(err);
  if (deadline.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) return new NetworkError(endpoint, 'timed out', 'ETIMEDOUT', true, err);
  const detail = err instanceof Error ? err.message : String(err);
  return new NetworkError(endpoint, detail || String(code), code, false, err);
}

function isAccepted(o: RequestOptions, status: number): boolean {
  return status === 200 || o.acceptStatus?.includes(status) === true;
}

/**
 * The response headers as Node parsed them (lower-case names, `set-cookie` always an array):
 * the same plain object the client always returned, cheaper than copying AxiosHeaders.
 */
function headersOf(res: AxiosResponse): IncomingHttpHeaders {
  return (res.request as { res?: IncomingMessage } | undefined)?.res?.headers ?? (Object.fromEntries(Object.entries(res.headers)) as IncomingHttpHeaders);
}

/** Drop a body unread (and its connection), ignoring the error destroying it raises. */
function discard(body: Readable): void {
  body.on('error', () => undefined).destroy();
}

/**
 * The caller's body stream with errors (reset, silence longer than `idleMs`, abort, bad
 * compression) turned into typed errors, and the response decompressed. Destroying it
 * releases the connection.
 */
function typedBody(o: RequestOptions, source: Readable, headers: IncomingHttpHeaders, status: number, deadline: RequestDeadline, idleMs: number): Readable {
  const body = new PassThrough();
  const stages = bodyDecoders(headers, status);
  const fail = (err: unknown): void => {
    body.destroy(toProtocolError(o.endpoint, err, deadline));
  };
  const onAbort = (): void => {
    body.destroy(new AbortedError(o.endpoint));
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // The longest silence between two chunks of the body (the whole download may take longer).
  const idle = idleMs > 0 ? setTimeout(() => fail(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), idleMs) : undefined;
  if (idle) source.on('data', () => idle.refresh()).once('end', () => clearTimeout(idle));
  let tail: Readable = source.on('error', fail);
  for (const stage of stages) tail = tail.pipe(stage.on('error', fail));
  tail.pipe(body);
  body.on('close', () => {
    clearTimeout(idle);
    o.signal?.removeEventListener('abort', onAbort);
    deadline.dispose();
    if (!source.destroyed) source.on('error', () => undefined).destroy();
    for (const stage of stages) stage.destroy();
  });
  return body;
}

/**
 * One axios instance per client. Its defaults leave the bytes to us: no redirects (bypassing
 * follow-redirects, and desktop newloginpage's 301 is the answer), no decompression (decode.ts
 * handles raw deflate and streams), no transforms, every status resolved; axios's own proxy
 * handling is off because the agents (agents.ts) carry proxies with the cookies intact.
 */
function createAxios(): AxiosInstance {
  const ax = axios.create({
    proxy: false,
    maxRedirects: 0,
    decompress: false,
    validateStatus: null,
    timeout: 0,
    maxContentLength: -1,
    maxBodyLength: -1,
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
  });
  // Every header of a request is set by the client (headersFor); axios's defaults
  // (Accept: application/json, ...) would only be replaced again.
  ax.defaults.headers.common = {};
  return ax;
}

/**
 * Create the HTTP client: axios over keep-alive agents, cookies from one tough-cookie jar.
 * Honours `WXBOT_ENDPOINT` unless `endpoint` is given, and the proxy variables unless `proxy` is.
 * @example
 * const http = createWebwxHttp({ endpoint: 'http://127.0.0.1:8080' });
 * const res = await http.request({ endpoint: 'jslogin', method: 'GET', url: 'https://login.wx.qq.com/jslogin', query: { appid } });
 * http.close();
 */
export function createWebwxHttp(options: HttpClientOptions = {}): WebwxHttp {
  const jar = options.jar ?? new CookieJar();
  const cookieHeaders = new CookieHeaders(jar);
  const cookieStorer = new CookieStorer(jar);
  const endpointUrl = options.endpoint ?? process.env['WXBOT_ENDPOINT'] ?? undefined;
  const target = endpointUrl ? parseEndpoint(endpointUrl) : undefined;
  // Checked now (a malformed proxy stops startup), used per host on first request. The
  // override is a local address: no proxy, and no proxy variable needs to make sense.
  const proxies = new ProxyChoice(target ? false : options.proxy);
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const baseHeaders: Record<string, string> = { 'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT, Accept: '*/*', 'Accept-Encoding': ACCEPT_ENCODING };
  const ax = createAxios();
  let agents: TransportAgents | undefined;

  // Cookies as axios interceptors, synchronous (no promise hop per request). The jar is keyed
  // on the request's real URL, whatever agent, override or proxy carries the bytes.
  ax.interceptors.request.use(
    (config) => {
      const url = new URL(config.url ?? '');
      const caller = config.headers.get('Cookie');
      const cookie = cookieHeaders.header(url, typeof caller === 'string' ? caller : undefined);
      if (cookie) config.headers.set('Cookie', cookie);
      else config.headers.delete('Cookie');
      return config;
    },
    undefined,
    { synchronous: true },
  );
  // Every status resolves (validateStatus: null), so cookies of a 301, 404 or 503 are kept too.
  ax.interceptors.response.use((res) => {
    const setCookie = headersOf(res)['set-cookie'];
    if (setCookie) cookieStorer.store(new URL(res.config.url ?? ''), setCookie);
    return res;
  });

  /**
   * Host, the defaults, then the caller's headers (a name in another case replaces the
   * default), the body's type. The caller's Cookie stays for the interceptor to merge with the jar's.
   */
  function headersFor(o: RequestOptions, url: URL): Record<string, string> {
    // Host first, as browsers (and the undici transport) sent it; Node would put it last.
    const headers: Record<string, string> = { Host: url.host, ...baseHeaders };
    let callerType: string | undefined;
    for (const [name, value] of Object.entries(o.headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'content-type') callerType = name;
      const base = BASE_NAMES.get(lower);
      if (base !== undefined && base !== name) delete headers[base];
      headers[name] = value;
    }
    if (o.json !== undefined) {
      if (callerType !== undefined) delete headers[callerType];
      headers['Content-Type'] = JSON_TYPE;
    } else if (o.method === 'POST' && callerType === undefined) {
      headers['Content-Type'] = FORM_TYPE;
    }
    return headers;
  }

  function config(o: RequestOptions, responseType: 'arraybuffer' | 'stream', deadline: RequestDeadline): AxiosRequestConfig {
    const url = new URL(o.url);
    agents ??= new TransportAgents(target, proxies, options.ca);
    const agent = agents.agentFor(url);
    return {
      method: o.method,
      // The query is serialised here (query.ts), byte for byte as before, not by axios's params.
      url: url.origin + requestPath(url, o.query),
      headers: headersFor(o, url),
      data: o.json !== undefined ? JSON.stringify(o.json) : o.body,
      signal: deadline.signal,
      responseType,
      httpAgent: agent,
      httpsAgent: agent,
    };
  }

  async function request(o: RequestOptions): Promise<HttpResult> {
    const deadline = new RequestDeadline(o.signal, o.timeoutMs ?? defaultTimeoutMs);
    let res: AxiosResponse<Buffer>;
    let headers: IncomingHttpHeaders;
    let bytes: Buffer;
    try {
      res = await ax.request<Buffer>(config(o, 'arraybuffer', deadline));
      if (!isAccepted(o, res.status)) throw new HttpStatusError(o.endpoint, res.status);
      headers = headersOf(res);
      bytes = await decodeBody(headers, res.status, res.data);
    } catch (err) {
      throw toProtocolError(o.endpoint, err, deadline);
    } finally {
      deadline.dispose();
    }
    return { status: res.status, headers, text: o.binary ? '' : bytes.toString('utf8'), bytes };
  }

  async function stream(o: RequestOptions): Promise<HttpStreamResult> {
    const timeoutMs = o.timeoutMs ?? defaultTimeoutMs;
    const deadline = new RequestDeadline(o.signal, timeoutMs);
    let res: AxiosResponse<Readable>;
    try {
      // The deadline runs until the headers; then the body may take as long as it keeps
      // flowing (a large download), with `timeoutMs` as the longest silence (typedBody).
      res = await ax.request<Readable>(config(o, 'stream', deadline));
    } catch (err) {
      deadline.dispose();
      throw toProtocolError(o.endpoint, err, deadline);
    }
    deadline.stopClock();
    if (!isAccepted(o, res.status)) {
      discard(res.data);
      deadline.dispose();
      throw new HttpStatusError(o.endpoint, res.status);
    }
    const headers = headersOf(res);
    return { status: res.status, headers, body: typedBody(o, res.data, headers, res.status, deadline, timeoutMs) };
  }

  return {
    jar,
    endpoint: endpointUrl,
    request,
    stream,
    cookie: (url, name) => jar.getCookiesSync(url).find((c) => c.key === name)?.value,
    get cookieVersion() {
      return cookieVersion(jar);
    },
    close: () => {
      const closing = agents;
      agents = undefined;
      // Every socket, busy or idle: a long poll in flight fails at once instead of holding the process.
      closing?.destroy();
    },
  };
}

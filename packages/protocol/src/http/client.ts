import { PassThrough, type Readable } from 'node:stream';
import { CookieJar } from 'tough-cookie';
import { Agent, type Dispatcher } from 'undici';
import { AbortedError, HttpStatusError, NetworkError, ProtocolError } from '../errors';
import { CookieHeaders, CookieStorer, cookieVersion } from './cookies';
import { RequestDeadline } from './deadline';
import { ACCEPT_ENCODING, bodyDecoders, decodeBody } from './decode';
import { endpointConnector, parseEndpoint, type EndpointTarget } from './endpoint';
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

// The bot talks to a handful of hosts (login, main, webpush, file); 16 per host leaves room
// for a burst of sends and uploads beside the long poll without opening a socket per request.
const MAX_CONNECTIONS_PER_HOST = 16;
// How long an idle connection is kept when the server does not say (its Keep-Alive: timeout=N
// wins). undici's 4 s default would cost a TLS handshake after most pauses of a conversation;
// Node's agent used before kept idle sockets until the server closed them.
const KEEP_ALIVE_MS = 30_000;
const JSON_TYPE = 'application/json;charset=UTF-8';
// What axios sent for a POST without a type of its own (webwxlogout has no body at all).
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** The default headers by lower-case name, so a caller's `user-agent` replaces `User-Agent`. */
const BASE_NAMES = new Map([
  ['user-agent', 'User-Agent'],
  ['accept', 'Accept'],
  ['accept-encoding', 'Accept-Encoding'],
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Map what undici, the socket or zlib threw to the typed error of the protocol package. */
function toProtocolError(endpoint: string, err: unknown, deadline: RequestDeadline): ProtocolError {
  if (err instanceof ProtocolError) return err;
  if (deadline.aborted) return new AbortedError(endpoint);
  const code = errorCode(err);
  if (deadline.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) return new NetworkError(endpoint, 'timed out', 'ETIMEDOUT', true, err);
  const detail = err instanceof Error ? err.message : String(err);
  // undici's "other side closed": the peer dropped the connection, which Node calls ECONNRESET.
  const errno = code === 'UND_ERR_SOCKET' ? (errorCode((err as Error).cause) ?? 'ECONNRESET') : code;
  return new NetworkError(endpoint, detail || String(errno), errno, false, err);
}

function isAccepted(o: RequestOptions, status: number): boolean {
  return status === 200 || o.acceptStatus?.includes(status) === true;
}

/** Drop a body unread (and its connection): undici reports that as an abort error, which nobody waits for. */
function discard(body: Readable): void {
  body.on('error', () => undefined).destroy();
}

function createDispatcher(target: EndpointTarget | undefined): Agent {
  return new Agent({
    connections: MAX_CONNECTIONS_PER_HOST,
    keepAliveTimeout: KEEP_ALIVE_MS,
    // The per-request deadline (RequestDeadline) bounds the wait; undici's own 300 s
    // defaults would only add a second, different limit.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(target ? { connect: endpointConnector(target) } : {}),
  });
}

/**
 * The caller's body stream with errors (reset, body timeout, abort, bad compression) turned
 * into typed errors, and the response decompressed. Destroying it releases the connection.
 */
function typedBody(o: RequestOptions, res: Dispatcher.ResponseData, deadline: RequestDeadline): Readable {
  const body = new PassThrough();
  const stages = bodyDecoders(res.headers, res.statusCode);
  const fail = (err: unknown): void => {
    body.destroy(toProtocolError(o.endpoint, err, deadline));
  };
  // undici stops watching the signal once the last byte arrived; bytes still buffered here must go too.
  const onAbort = (): void => {
    body.destroy(new AbortedError(o.endpoint));
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let tail: Readable = res.body.on('error', fail);
  for (const stage of stages) tail = tail.pipe(stage.on('error', fail));
  tail.pipe(body);
  body.on('close', () => {
    o.signal?.removeEventListener('abort', onAbort);
    deadline.dispose();
    res.body.destroy();
    for (const stage of stages) stage.destroy();
  });
  return body;
}

/** Create the HTTP client. Honours `WXBOT_ENDPOINT` unless `endpoint` is given. */
export function createWebwxHttp(options: HttpClientOptions = {}): WebwxHttp {
  const jar = options.jar ?? new CookieJar();
  const cookieHeaders = new CookieHeaders(jar);
  const cookieStorer = new CookieStorer(jar);
  const endpointUrl = options.endpoint ?? process.env['WXBOT_ENDPOINT'] ?? undefined;
  const target = endpointUrl ? parseEndpoint(endpointUrl) : undefined;
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const baseHeaders: Record<string, string> = { 'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT, Accept: '*/*', 'Accept-Encoding': ACCEPT_ENCODING };
  let agent: Agent | undefined;

  /**
   * Defaults, then the caller's headers (a name in another case replaces the default, as axios
   * merged them), the body's type, and the cookies.
   */
  function headersFor(o: RequestOptions, url: URL): Record<string, string> {
    const headers = { ...baseHeaders };
    let callerCookie: string | undefined;
    let callerType: string | undefined;
    for (const [name, value] of Object.entries(o.headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'cookie') {
        callerCookie = value;
        continue;
      }
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
    const cookie = cookieHeaders.header(url, callerCookie);
    if (cookie) headers['Cookie'] = cookie;
    return headers;
  }

  /** Send the request; resolves at the response headers, with the cookies it set already stored. */
  async function send(o: RequestOptions, deadline: RequestDeadline, bodyTimeout: number): Promise<Dispatcher.ResponseData> {
    const url = new URL(o.url);
    agent ??= createDispatcher(target);
    const res = await agent.request({
      origin: url.origin,
      path: requestPath(url, o.query),
      method: o.method,
      headers: headersFor(o, url),
      body: o.json !== undefined ? JSON.stringify(o.json) : (o.body ?? null),
      signal: deadline.signal,
      bodyTimeout,
    });
    const setCookie = res.headers['set-cookie'];
    // Node (and so axios) always gave set-cookie as an array; undici gives a lone one as a string.
    if (typeof setCookie === 'string') res.headers['set-cookie'] = [setCookie];
    cookieStorer.store(url, setCookie);
    return res;
  }

  async function request(o: RequestOptions): Promise<HttpResult> {
    const deadline = new RequestDeadline(o.signal, o.timeoutMs ?? defaultTimeoutMs);
    let res: Dispatcher.ResponseData;
    let bytes: Buffer;
    try {
      res = await send(o, deadline, 0);
      // Read even an unaccepted answer to the end: the connection goes back to the pool.
      bytes = Buffer.from(await res.body.arrayBuffer());
      if (!isAccepted(o, res.statusCode)) throw new HttpStatusError(o.endpoint, res.statusCode);
      bytes = await decodeBody(res.headers, res.statusCode, bytes);
    } catch (err) {
      throw toProtocolError(o.endpoint, err, deadline);
    } finally {
      deadline.dispose();
    }
    return { status: res.statusCode, headers: res.headers, text: o.binary ? '' : bytes.toString('utf8'), bytes };
  }

  async function stream(o: RequestOptions): Promise<HttpStreamResult> {
    const timeoutMs = o.timeoutMs ?? defaultTimeoutMs;
    const deadline = new RequestDeadline(o.signal, timeoutMs);
    let res: Dispatcher.ResponseData;
    try {
      // The deadline runs until the headers; then the body may take as long as it keeps
      // flowing (a large download), with `timeoutMs` as the longest silence (bodyTimeout).
      res = await send(o, deadline, timeoutMs);
    } catch (err) {
      deadline.dispose();
      throw toProtocolError(o.endpoint, err, deadline);
    }
    deadline.stopClock();
    if (!isAccepted(o, res.statusCode)) {
      discard(res.body);
      deadline.dispose();
      throw new HttpStatusError(o.endpoint, res.statusCode);
    }
    return { status: res.statusCode, headers: res.headers, body: typedBody(o, res, deadline) };
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
      const closing = agent;
      agent = undefined;
      // destroy, not close: close() would wait for a long poll still in flight.
      closing?.destroy().catch(() => undefined);
    },
  };
}

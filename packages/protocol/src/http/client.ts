import { PassThrough, type Readable } from 'node:stream';
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { CookieJar } from 'tough-cookie';
import { AbortedError, HttpStatusError, NetworkError } from '../errors';
import { createCookieAgents, parseEndpoint, type CookieAgents } from './endpoint-agent';

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

/** The HTTP side of a webwx client: one cookie jar, keep-alive agents, typed errors. */
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
  /** Close idle keep-alive sockets. */
  close(): void;
}

function toProtocolError(endpoint: string, err: unknown, signal: AbortSignal | undefined): Error {
  if (signal?.aborted || axios.isCancel(err)) return new AbortedError(endpoint);
  if (err instanceof AxiosError) {
    const code = err.code;
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    return new NetworkError(endpoint, timedOut ? 'timed out' : (err.message || String(code)), code, timedOut, err);
  }
  return new NetworkError(endpoint, err instanceof Error ? err.message : String(err), undefined, false, err);
}

/** Create the HTTP client. Honours `WXBOT_ENDPOINT` unless `endpoint` is given. */
export function createWebwxHttp(options: HttpClientOptions = {}): WebwxHttp {
  const jar = options.jar ?? new CookieJar();
  const endpointUrl = options.endpoint ?? process.env['WXBOT_ENDPOINT'] ?? undefined;
  const target = endpointUrl ? parseEndpoint(endpointUrl) : undefined;
  const agents: CookieAgents = createCookieAgents(jar, target);
  const ax: AxiosInstance = axios.create({
    ...agents,
    proxy: false,
    maxRedirects: 0,
    decompress: true,
    validateStatus: () => true,
    timeout: options.timeoutMs ?? 30_000,
    headers: { 'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT, Accept: '*/*' },
  });

  function config(o: RequestOptions, responseType: 'arraybuffer' | 'stream'): AxiosRequestConfig {
    const headers: Record<string, string> = { ...o.headers };
    let data: Buffer | string | undefined = o.body;
    if (o.json !== undefined) {
      data = JSON.stringify(o.json);
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    return {
      method: o.method,
      url: o.url,
      params: o.query,
      data,
      headers,
      signal: o.signal,
      timeout: o.timeoutMs,
      responseType,
      transformRequest: [(d: unknown) => d],
    };
  }

  async function request(o: RequestOptions): Promise<HttpResult> {
    let res;
    try {
      res = await ax.request<ArrayBuffer>(config(o, 'arraybuffer'));
    } catch (err) {
      throw toProtocolError(o.endpoint, err, o.signal);
    }
    if (res.status !== 200 && !o.acceptStatus?.includes(res.status)) throw new HttpStatusError(o.endpoint, res.status);
    const bytes = Buffer.from(res.data);
    return { status: res.status, headers: res.headers as HttpResult['headers'], text: o.binary ? '' : bytes.toString('utf8'), bytes };
  }

  async function stream(o: RequestOptions): Promise<HttpStreamResult> {
    let res;
    try {
      res = await ax.request<Readable>(config(o, 'stream'));
    } catch (err) {
      throw toProtocolError(o.endpoint, err, o.signal);
    }
    if (res.status !== 200 && !o.acceptStatus?.includes(res.status)) {
      res.data.destroy();
      throw new HttpStatusError(o.endpoint, res.status);
    }
    // Errors while the caller reads (reset, timeout, abort) surface on the stream as typed errors.
    const source = res.data;
    const body = new PassThrough();
    const onAbort = (): void => {
      source.destroy();
      body.destroy(new AbortedError(o.endpoint));
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    source.on('error', (err) => body.destroy(toProtocolError(o.endpoint, err, o.signal)));
    body.on('close', () => {
      o.signal?.removeEventListener('abort', onAbort);
      if (!source.destroyed) source.destroy();
    });
    source.pipe(body);
    return { status: res.status, headers: res.headers as HttpStreamResult['headers'], body };
  }

  return {
    jar,
    endpoint: endpointUrl,
    request,
    stream,
    cookie: (url, name) => jar.getCookiesSync(url).find((c) => c.key === name)?.value,
    close: () => {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}

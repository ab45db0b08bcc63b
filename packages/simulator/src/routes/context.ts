import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { SimCore } from '../core';
import type { FaultSpec, RequestKind } from '../faults';
import type { HostKind } from '../hosts';
import type { SimResponse } from '../util/response';

/** Everything a handler needs about one request, already parsed. */
export interface RequestContext {
  method: string;
  host: string;
  hostKind: HostKind;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  cookies: Map<string, string>;
  /** The request body; empty for `raw` routes, which read `req` themselves. */
  body: Buffer;
  /** The request stream (only unread for `raw` routes such as the multipart upload). */
  req: IncomingMessage;
  /** Aborts when the client goes away or the simulator closes. */
  signal: AbortSignal;
  /** A fault that changes the answer's content (ret, login-code, ticket-ret, logout). */
  forced: FaultSpec | undefined;
}

export type Handler = (core: SimCore, ctx: RequestContext) => SimResponse | Promise<SimResponse>;

/** Which host families may serve a route (`local` is always allowed). */
export type Family = 'login' | 'main' | 'push' | 'file';

export interface Route {
  kind: RequestKind;
  families: Family[];
  handler: Handler;
  /** The handler streams the body itself (multipart uploads must not be buffered whole first). */
  raw?: boolean;
}

/** Parses a JSON request body; `undefined` when absent or not JSON. */
export function jsonBody(ctx: RequestContext): Record<string, unknown> | undefined {
  if (ctx.body.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(ctx.body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebwxHttp, deriveHosts, type SessionContext } from '@wxbot/protocol';

// Exact request bodies and answer handling of the JSON endpoints, against a raw local server;
// the simulator runs them end to end in e2e-media.test.ts / e2e-ops.test.ts.
export interface Seen {
  url: URL;
  json: Record<string, unknown>;
}

export interface JsonWire {
  /** A web session on wx.qq.com. */
  ctx: SessionContext;
  /** The same session in desktop (UOS) mode. */
  desktop: SessionContext;
  readonly seen: Seen[];
  /** The next answers' body (JSON-encoded unless a string); reset to a Ret 0 send answer before each test. */
  answer: unknown;
  /** The last request. */
  last(): Seen;
  /** The last request's `Msg`. */
  msg(): Record<string, unknown>;
  /** The last request's query. */
  query(): Record<string, string>;
}

/** A local server that records every JSON request, for one describe block's tests. */
export function jsonWireServer(): JsonWire {
  let server: http.Server;
  const wire: JsonWire = {
    ctx: undefined as unknown as SessionContext,
    desktop: undefined as unknown as SessionContext,
    seen: [],
    answer: {},
    last() {
      const s = wire.seen.at(-1);
      if (!s) throw new Error('no request');
      return s;
    },
    msg: () => wire.last().json['Msg'] as Record<string, unknown>,
    query: () => Object.fromEntries(wire.last().url.searchParams),
  };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        wire.seen.push({ url: new URL(req.url ?? '/', 'http://x'), json: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
        res.setHeader('Content-Type', 'text/plain');
        res.end(typeof wire.answer === 'string' ? wire.answer : JSON.stringify(wire.answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = createWebwxHttp({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    wire.ctx = { http: client, hosts: deriveHosts('wx.qq.com'), credentials: { uin: 42, sid: 'sid', skey: '@crypt_sk', passTicket: 'pt' } };
    wire.desktop = { ...wire.ctx, mode: 'desktop' };
  });
  beforeEach(() => {
    wire.seen.length = 0;
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, MsgID: '9001', LocalID: 'x' };
  });
  afterAll(async () => {
    wire.ctx.http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return wire;
}

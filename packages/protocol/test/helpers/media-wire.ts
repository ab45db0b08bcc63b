import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebwxHttp, deriveHosts, type SessionContext } from '@wxbot/protocol';
import { boundaryOf, parseMultipart, type ParsedPart } from './multipart-parse';

// The wire shape of uploads and downloads against a raw local server (exact bytes, headers,
// cookies); webwx semantics are covered against the simulator in e2e-media.test.ts.
export interface Seen {
  host: string | undefined;
  url: URL;
  cookie: string | undefined;
  headers: http.IncomingHttpHeaders;
  parts: ParsedPart[];
}

export type Reply = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

export interface MediaWire {
  /** A session on wx2.qq.com whose jar holds webwx_data_ticket and wxuin. */
  ctx: SessionContext;
  /** The requests of the current test, in order (emptied before each test). */
  readonly seen: Seen[];
  /** How the server answers; each test sets its own. */
  reply: Reply;
}

/** A local server that records every request (multipart parsed), for one describe block's tests. */
export function mediaWireServer(): MediaWire {
  let server: http.Server;
  const wire: MediaWire = { ctx: undefined as unknown as SessionContext, seen: [], reply: (_q, res) => res.end('{}') };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = req.headers['content-type'] ?? '';
        const s: Seen = {
          host: req.headers.host,
          url: new URL(req.url ?? '/', 'http://x'),
          cookie: req.headers.cookie,
          headers: req.headers,
          parts: type.startsWith('multipart/') ? parseMultipart(body, boundaryOf(type)) : [],
        };
        wire.seen.push(s);
        wire.reply(req, res, s);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const httpClient = createWebwxHttp({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    httpClient.jar.setCookieSync('webwx_data_ticket=gSd+tick/et=; Domain=.qq.com; Path=/; Secure', 'https://wx2.qq.com/');
    httpClient.jar.setCookieSync('wxuin=176666155; Domain=wx2.qq.com; Path=/; Secure', 'https://wx2.qq.com/');
    wire.ctx = { http: httpClient, hosts: deriveHosts('wx2.qq.com'), credentials: { uin: 176666155, sid: 'sid', skey: '@crypt_sk', passTicket: 'pt%2Bx' } };
  });
  beforeEach(() => {
    wire.seen.length = 0;
  });
  afterAll(async () => {
    wire.ctx.http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return wire;
}

/** A multipart field of a recorded request, as UTF-8 text. */
export const field = (s: Seen | undefined, name: string): string | undefined => s?.parts.find((p) => p.name === name)?.data.toString('utf8');

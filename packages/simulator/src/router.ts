import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { RequestKind } from './faults';
import { classifyHost, hostName } from './hosts';
import { jslogin, loginPoll, qrcode } from './login/login-routes';
import { webwxcheckupload } from './media/checkupload-route';
import { webwxgeticon, webwxgetheadimg, webwxgetmedia, webwxgetmsgimg, webwxgetvideo, webwxgetvoice } from './media/download-routes';
import { webwxsendappmsg, webwxsendemoticon, webwxsendmsgimg, webwxsendvideomsg } from './media/media-send-routes';
import { webwxuploadmedia } from './media/upload-route';
import { webwxbatchgetcontact, webwxgetcontact } from './routes/contact-routes';
import type { RequestContext, Route } from './routes/context';
import { control, type ControlTarget } from './routes/control-routes';
import { webwxinit, webwxstatusnotify } from './routes/init-routes';
import { indexPage, webwxlogout, webwxpushloginurl, webwxstatreport } from './routes/misc-routes';
import { webwxcreatechatroom, webwxupdatechatroom } from './routes/chatroom-routes';
import { webwxoplog, webwxverifyuser } from './routes/contact-op-routes';
import { webwxrevokemsg } from './routes/revoke-route';
import { webwxsendmsg } from './routes/send-routes';
import { newLoginPage } from './session/newloginpage';
import { syncCheck, webwxsync } from './sync/sync-routes';
import { parseCookies } from './util/cookies';
import { compressFor } from './util/compress';
import { errorPage, type SimResponse } from './util/response';
import { sleep } from './util/waiters';

const MM = '/cgi-bin/mmwebwx-bin/';
const main = (kind: RequestKind, handler: Route['handler']): Route => ({ kind, families: ['main'], handler });

/** Path → route. Paths are unique across host families; the family is checked per route. */
const ROUTES = new Map<string, Route>([
  ['/jslogin', { kind: 'jslogin', families: ['login'], handler: jslogin }],
  [`${MM}login`, { kind: 'login', families: ['login'], handler: loginPoll }],
  // synccheck checks its host itself: a wrong host is answered with retcode 1100, not 404.
  [`${MM}synccheck`, { kind: 'synccheck', families: ['push', 'main', 'login', 'file'], handler: syncCheck }],
  [`${MM}webwxnewloginpage`, main('newloginpage', newLoginPage)],
  [`${MM}webwxinit`, main('init', webwxinit)],
  [`${MM}webwxstatusnotify`, main('statusnotify', webwxstatusnotify)],
  [`${MM}webwxgetcontact`, main('getcontact', webwxgetcontact)],
  [`${MM}webwxbatchgetcontact`, main('batchgetcontact', webwxbatchgetcontact)],
  [`${MM}webwxsync`, main('sync', webwxsync)],
  [`${MM}webwxsendmsg`, main('sendmsg', webwxsendmsg)],
  [`${MM}webwxsendmsgimg`, main('sendmsgimg', webwxsendmsgimg)],
  [`${MM}webwxsendvideomsg`, main('sendvideomsg', webwxsendvideomsg)],
  [`${MM}webwxsendappmsg`, main('sendappmsg', webwxsendappmsg)],
  [`${MM}webwxsendemoticon`, main('sendemoticon', webwxsendemoticon)],
  [`${MM}webwxrevokemsg`, main('revokemsg', webwxrevokemsg)],
  [`${MM}webwxcheckupload`, main('checkupload', webwxcheckupload)],
  [`${MM}webwxoplog`, main('oplog', webwxoplog)],
  [`${MM}webwxverifyuser`, main('verifyuser', webwxverifyuser)],
  [`${MM}webwxcreatechatroom`, main('createchatroom', webwxcreatechatroom)],
  [`${MM}webwxupdatechatroom`, main('updatechatroom', webwxupdatechatroom)],
  // Only uploads and attachment downloads live on FILE (docs/protocol.md 2.1).
  [`${MM}webwxuploadmedia`, { kind: 'uploadmedia', families: ['file'], handler: webwxuploadmedia, raw: true }],
  [`${MM}webwxgetmedia`, { kind: 'getmedia', families: ['file'], handler: webwxgetmedia }],
  [`${MM}webwxgetmsgimg`, main('getmsgimg', webwxgetmsgimg)],
  [`${MM}webwxgetvoice`, main('getvoice', webwxgetvoice)],
  [`${MM}webwxgetvideo`, main('getvideo', webwxgetvideo)],
  [`${MM}webwxgeticon`, main('geticon', webwxgeticon)],
  [`${MM}webwxgetheadimg`, main('getheadimg', webwxgetheadimg)],
  [`${MM}webwxlogout`, main('logout', webwxlogout)],
  // ITC and BZ call push login on login.weixin.qq.com, the official client on MAIN.
  [`${MM}webwxpushloginurl`, { kind: 'pushlogin', families: ['main', 'login'], handler: webwxpushloginurl }],
  [`${MM}webwxstatreport`, main('statreport', webwxstatreport)],
  ['/', main('index', indexPage)],
]);
const QRCODE: Route = { kind: 'qrcode', families: ['login'], handler: qrcode };

function findRoute(path: string): Route | undefined {
  return path.startsWith('/qrcode/') ? QRCODE : ROUTES.get(path);
}

const MAX_BODY = 32 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
  if (Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  // Media bodies stream with backpressure: a 30 MB file never sits in memory twice.
  const stream = Readable.from(body.chunks(), { objectMode: false });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The first `limit` bytes of a chunked body. */
function* cut(chunks: Iterable<Buffer>, limit: number): Iterable<Buffer> {
  let left = limit;
  for (const chunk of chunks) {
    if (left <= 0) return;
    yield chunk.length <= left ? chunk : chunk.subarray(0, left);
    left -= chunk.length;
  }
}

/** Applies a body-rewriting fault to a finished response. */
function mangle(response: SimResponse, type: string): SimResponse {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  if (type === 'garbage') return { ...response, body: randomBytes(32 + (body.length % 200)) };
  if (type === 'truncate') {
    const half = Math.floor(body.length / 2);
    if (Buffer.isBuffer(body)) return { ...response, body: body.subarray(0, half) };
    return { ...response, body: { length: half, chunks: () => cut(body.chunks(), half) } };
  }
  return response;
}

/**
 * The request listener: parses the request, routes `/__sim/` to the control
 * API and everything else by path (checking the Host family), applies an
 * armed fault for the request kind, and writes the handler's answer.
 */
export function createListener(target: ControlTarget): (req: IncomingMessage, res: ServerResponse) => void {
  const core = target.core;
  return (req, res) => {
    const abort = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) abort.abort();
    };
    res.on('close', onClose);
    const onShutdown = (): void => abort.abort();
    core.signal.addEventListener('abort', onShutdown, { once: true });
    res.on('close', () => core.signal.removeEventListener('abort', onShutdown));
    serve(target, req, res, abort.signal).catch(() => send(res, errorPage(500)));
  };
}

async function serve(target: ControlTarget, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const host = hostName(req.headers.host);
  const isControl = url.pathname.startsWith('/__sim/');
  const route = isControl ? undefined : findRoute(url.pathname);
  const body = route?.raw ? Buffer.alloc(0) : await readBody(req);
  const ctx: RequestContext = {
    method: (req.method ?? 'GET').toUpperCase(),
    host,
    hostKind: classifyHost(host),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    cookies: parseCookies(req.headers.cookie),
    body,
    req,
    signal,
    forced: undefined,
  };
  if (isControl) return send(res, control(target, ctx));
  // A multi-account simulator answers each request as the account it is for (uin, sid, uuid).
  const core = target.accounts?.forRequest(ctx) ?? target.core;

  if (!route || (ctx.hostKind !== 'local' && !route.families.includes(ctx.hostKind))) return send(res, errorPage(404));

  const fault = core.faults.take(route.kind);
  switch (fault?.type) {
    case 'reset':
      await sleep(fault.ms ?? 0, signal);
      req.socket.destroy();
      return;
    case 'delay':
      await sleep(fault.ms ?? 1000, signal);
      break;
    case 'http':
      return send(res, errorPage(fault.status ?? 503));
    case 'ret':
    case 'login-code':
    case 'ticket-ret':
    case 'logout':
      ctx.forced = fault;
      break;
    default:
      break;
  }
  const response = await route.handler(core, ctx);
  if (fault?.type === 'lose-response') {
    // Done on the server, never answered: the window where a client cannot know.
    await sleep(fault.ms ?? 0, signal).catch(() => undefined);
    req.socket.destroy();
    return;
  }
  // A body-rewriting fault (truncate, garbage) is applied to the plain body, which then goes out
  // without Content-Encoding: the client sees the broken bytes themselves, not a broken stream.
  if (fault?.type === 'truncate' || fault?.type === 'garbage') return send(res, mangle(response, fault.type));
  send(res, await compressFor(response, req.headers['accept-encoding']));
}

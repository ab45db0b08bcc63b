import type { Readable } from 'node:stream';
import { MissingCookieError } from '../errors';
import type { HttpResult, HttpStreamResult, RequestOptions } from '../http/client';
import { peek } from '../media/peek';
import { sniffMediaType, type SniffedType } from '../media/sniff';
import { mainUrl, refererHeaders, type SessionContext } from '../session-context';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Default 120 s (stream mode: until the headers, then the idle timeout of the socket). */
  timeoutMs?: number;
  /** Resolve with a stream of the body instead of its bytes (large files to disk). */
  stream?: boolean;
}

interface Head {
  /** 200, or 206 for Range requests. */
  status: number;
  /** As the server labelled it: do not trust it (GIFs come as image/jpeg); use `type`. */
  contentType: string | undefined;
}

/** A 0-byte body (docs/protocol.md 8.3: many videos download empty) is an explicit outcome. */
export type EmptyMedia = Head & { empty: true };
export type MediaBytes = Head & { empty: false; bytes: Buffer; type: SniffedType };
export type MediaStream = Head & {
  empty: false;
  /** The body, its first bytes already sniffed; consume or destroy it. Read errors are typed ProtocolErrors. */
  stream: Readable;
  type: SniffedType;
  contentLength: number | undefined;
};
export type MediaDownload = MediaBytes | EmptyMedia;
export type MediaDownloadStream = MediaStream | EmptyMedia;
export type DownloadResult<O extends DownloadOptions | undefined> = O extends { stream: true } ? MediaDownloadStream : MediaDownload;

const header = (h: HttpResult['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

async function fetchMedia(ctx: SessionContext, req: RequestOptions, o: DownloadOptions | undefined): Promise<MediaDownload | MediaDownloadStream> {
  const options: RequestOptions = { ...req, signal: o?.signal, timeoutMs: o?.timeoutMs ?? 120_000, binary: true, headers: { ...refererHeaders(ctx), ...req.headers } };
  if (o?.stream) {
    const res: HttpStreamResult = await ctx.http.stream(options);
    const head = { status: res.status, contentType: header(res.headers, 'content-type') };
    const first = await peek(res.body);
    if (!first || first.length === 0) {
      res.body.destroy();
      return { ...head, empty: true };
    }
    const length = Number(header(res.headers, 'content-length'));
    return { ...head, empty: false, stream: res.body, type: sniffMediaType(first), contentLength: Number.isFinite(length) ? length : undefined };
  }
  const res = await ctx.http.request(options);
  const head = { status: res.status, contentType: header(res.headers, 'content-type') };
  if (res.bytes.length === 0) return { ...head, empty: true };
  return { ...head, empty: false, bytes: res.bytes, type: sniffMediaType(res.bytes) };
}

const RANGE = { Range: 'bytes=0-' };

/** webwxgetmsgimg: an image (`thumb` = `type=slave`) or an emoticon's GIF (`big`). Sniff `type`: GIFs are labelled image/jpeg. */
export function getMsgImage<O extends DownloadOptions & { size?: 'thumb' | 'big' }>(ctx: SessionContext, msgId: string, o?: O): Promise<DownloadResult<O>> {
  const url = mainUrl(ctx, 'webwxgetmsgimg');
  const query = { MsgID: msgId, skey: ctx.credentials.skey, type: o?.size === 'thumb' ? 'slave' : 'big' };
  return fetchMedia(ctx, { endpoint: 'webwxgetmsgimg', method: 'GET', url, query }, o) as Promise<DownloadResult<O>>;
}

/** webwxgetvoice (mp3), with `Range: bytes=0-`. */
export function getVoice<O extends DownloadOptions>(ctx: SessionContext, msgId: string, o?: O): Promise<DownloadResult<O>> {
  const req: RequestOptions = { endpoint: 'webwxgetvoice', method: 'GET', url: mainUrl(ctx, 'webwxgetvoice'), query: { msgid: msgId, skey: ctx.credentials.skey }, headers: RANGE, acceptStatus: [206] };
  return fetchMedia(ctx, req, o) as Promise<DownloadResult<O>>;
}

/** webwxgetvideo with `Range: bytes=0-` (answers 206). A 0-byte video is `{ empty: true }`. */
export function getVideo<O extends DownloadOptions>(ctx: SessionContext, msgId: string, o?: O): Promise<DownloadResult<O>> {
  const req: RequestOptions = { endpoint: 'webwxgetvideo', method: 'GET', url: mainUrl(ctx, 'webwxgetvideo'), query: { msgid: msgId, skey: ctx.credentials.skey }, headers: RANGE, acceptStatus: [206] };
  return fetchMedia(ctx, req, o) as Promise<DownloadResult<O>>;
}

export interface MediaRef {
  /** The message's FromUserName. */
  sender: string;
  mediaId: string;
  /** The message's EncryFileName (already URL-encoded by the server: sent encoded once, as the official client does). */
  encryFileName?: string;
  /** The plain FileName, when there is no EncryFileName (ITC/W4U send `filename=`). */
  fileName?: string;
}

function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * webwxgetmedia on the FILE host: a file attachment. `webwx_data_ticket` goes both as cookie (the
 * jar) and as query parameter; `fromuser` is the uin (docs/protocol.md 8.4).
 */
export function getMedia<O extends DownloadOptions>(ctx: SessionContext, ref: MediaRef, o?: O): Promise<DownloadResult<O>> {
  const ticket = ctx.http.cookie(`https://${ctx.hosts.file}/`, 'webwx_data_ticket');
  if (!ticket) return Promise.reject(new MissingCookieError('webwxgetmedia', 'webwx_data_ticket', ctx.hosts.file));
  const name = ref.encryFileName !== undefined ? { encryfilename: decodeOnce(ref.encryFileName) } : { filename: ref.fileName ?? '' };
  const query = {
    sender: ref.sender,
    mediaid: ref.mediaId,
    ...name,
    fromuser: ctx.credentials.uin,
    pass_ticket: ctx.credentials.passTicket,
    webwx_data_ticket: ticket,
  };
  const url = `https://${ctx.hosts.file}/cgi-bin/mmwebwx-bin/webwxgetmedia`;
  return fetchMedia(ctx, { endpoint: 'webwxgetmedia', method: 'GET', url, query }, o) as Promise<DownloadResult<O>>;
}

export type AvatarRef =
  /** A contact's `HeadImgUrl` (relative); an empty `skey=` (batchgetcontact) gets the current skey. */
  | { headImgUrl: string; big?: boolean }
  /** Users: webwxgeticon (`chatRoomId` = the group's EncryChatRoomId for non-friend members, `msgId` for request/card avatars); groups (`@@`): webwxgetheadimg. */
  | { userName: string; chatRoomId?: string; msgId?: string; big?: boolean };

/** A contact's or group's avatar (docs/protocol.md 8.6). */
export function getAvatar<O extends DownloadOptions>(ctx: SessionContext, ref: AvatarRef, o?: O): Promise<DownloadResult<O>> {
  let url: string;
  let query: Record<string, string | number | undefined>;
  if ('headImgUrl' in ref) {
    const u = new URL(ref.headImgUrl, `https://${ctx.hosts.main}/`);
    if (!u.searchParams.get('skey')) u.searchParams.set('skey', ctx.credentials.skey);
    if (ref.big) u.searchParams.set('type', 'big');
    url = `https://${ctx.hosts.main}${u.pathname}`;
    query = Object.fromEntries(u.searchParams);
  } else {
    const group = ref.userName.startsWith('@@');
    url = mainUrl(ctx, group ? 'webwxgetheadimg' : 'webwxgeticon');
    query = { seq: 0, username: ref.userName, skey: ctx.credentials.skey, type: ref.big ? 'big' : undefined, chatroomid: group ? undefined : ref.chatRoomId, msgid: group ? undefined : ref.msgId };
  }
  const endpoint = url.endsWith('webwxgetheadimg') ? 'webwxgetheadimg' : 'webwxgeticon';
  return fetchMedia(ctx, { endpoint, method: 'GET', url, query }, o) as Promise<DownloadResult<O>>;
}

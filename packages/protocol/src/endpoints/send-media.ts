import { ProtocolError } from '../errors';
import { fileExtension } from '../media/sniff';
import type { SessionContext } from '../session-context';
import { postMessage, type SendResult } from './send';

/** Msg.Type of each media send (docs/protocol.md 9.3, 9.7, 9.8). */
export const SEND_TYPE_IMAGE = 3;
export const SEND_TYPE_VIDEO = 43;
export const SEND_TYPE_EMOTICON = 47;
/** webwxsendappmsg takes the AppMsgType (6 = file), not 49. */
export const SEND_TYPE_APP_FILE = 6;
/** The appid of web file messages; desktop (UOS) mode sends an empty one. */
export const WEB_FILE_APPID = 'wxeb7ec651dd0aefa9';

interface SendBase {
  /** Self UserName. */
  from: string;
  to: string;
  clientMsgId?: string;
  signal?: AbortSignal;
}

export interface SendMediaOptions extends SendBase {
  /** MediaId from uploadMedia. */
  mediaId: string;
}

const ASYNC_JSON = { fun: 'async', f: 'json' } as const;

function optional(o: SendBase): { clientMsgId?: string; signal?: AbortSignal } {
  return { ...(o.clientMsgId ? { clientMsgId: o.clientMsgId } : {}), ...(o.signal ? { signal: o.signal } : {}) };
}

function requireMediaId(endpoint: string, mediaId: string): void {
  if (!mediaId) throw new ProtocolError('WEBWX_BAD_ARGUMENT', endpoint, `${endpoint}: mediaId is empty (upload the file first)`);
}

/** webwxsendmsgimg (Type 3) of an uploaded image. GIFs: use sendEmoticon, or they arrive static. */
export async function sendImage(ctx: SessionContext, o: SendMediaOptions): Promise<SendResult> {
  requireMediaId('webwxsendmsgimg', o.mediaId);
  return postMessage(ctx, { name: 'webwxsendmsgimg', query: ASYNC_JSON, msg: { Type: SEND_TYPE_IMAGE, MediaId: o.mediaId, Content: '' }, from: o.from, to: o.to, ...optional(o) });
}

/** webwxsendvideomsg (Type 43) of an uploaded mp4. */
export async function sendVideo(ctx: SessionContext, o: SendMediaOptions): Promise<SendResult> {
  requireMediaId('webwxsendvideomsg', o.mediaId);
  return postMessage(ctx, { name: 'webwxsendvideomsg', query: ASYNC_JSON, msg: { Type: SEND_TYPE_VIDEO, MediaId: o.mediaId, Content: '' }, from: o.from, to: o.to, ...optional(o) });
}

/** An uploaded GIF (`mediaId`), or a received custom emoticon again by its md5. Store stickers cannot be re-sent. */
export type SendEmoticonOptions = SendBase & ({ mediaId: string } | { md5: string });

/** webwxsendemoticon?fun=sys (Type 47, EmojiFlag 2). */
export async function sendEmoticon(ctx: SessionContext, o: SendEmoticonOptions): Promise<SendResult> {
  const ref = 'mediaId' in o ? { MediaId: o.mediaId } : { EMoticonMd5: o.md5 };
  if (!('mediaId' in o ? o.mediaId : o.md5)) throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxsendemoticon', 'webwxsendemoticon: needs a non-empty mediaId or md5');
  return postMessage(ctx, { name: 'webwxsendemoticon', query: { fun: 'sys' }, msg: { Type: SEND_TYPE_EMOTICON, EmojiFlag: 2, ...ref }, from: o.from, to: o.to, ...optional(o) });
}

/** Escape text for an XML element: `&`, `<`, `>` (quotes are literal in element text). */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface FileAppMsgInput {
  fileName: string;
  size: number;
  mediaId: string;
  /** `''` in desktop mode. */
  appId: string;
}

/**
 * The appmsg XML of a file message (docs/protocol.md 9.8): single-quoted attributes, not escaped as a
 * whole (the body is JSON); the name and extension are XML-escaped so that `&` or `<` in a file
 * name cannot break the document.
 */
export function fileAppMsgXml(i: FileAppMsgInput): string {
  return (
    `<appmsg appid='${i.appId}' sdkver=''><title>${escapeXmlText(i.fileName)}</title><des></des><action></action>` +
    `<type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>${i.size}</totallen>` +
    `<attachid>${escapeXmlText(i.mediaId)}</attachid><fileext>${escapeXmlText(fileExtension(i.fileName))}</fileext></appattach>` +
    `<extinfo></extinfo></appmsg>`
  );
}

export interface SendFileOptions extends SendMediaOptions {
  fileName: string;
  /** Bytes. */
  size: number;
  /** From checkUpload, for files over 25 MB. */
  signature?: string;
}

/** webwxsendappmsg?fun=async&f=json (Msg.Type 6, appmsg XML; `mod=desktop` and an empty appid in desktop mode). */
export async function sendFile(ctx: SessionContext, o: SendFileOptions): Promise<SendResult> {
  requireMediaId('webwxsendappmsg', o.mediaId);
  const desktop = ctx.mode === 'desktop';
  const content = fileAppMsgXml({ fileName: o.fileName, size: o.size, mediaId: o.mediaId, appId: desktop ? '' : WEB_FILE_APPID });
  return postMessage(ctx, {
    name: 'webwxsendappmsg',
    query: { ...ASYNC_JSON, ...(desktop ? { mod: 'desktop' } : {}) },
    msg: { Type: SEND_TYPE_APP_FILE, Content: content, ...(o.signature ? { Signature: o.signature } : {}) },
    from: o.from,
    to: o.to,
    ...optional(o),
  });
}

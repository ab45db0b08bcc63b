import { ProtocolError } from '../errors';
import type { SessionContext } from '../session-context';
import { postMessage, type SendResult } from './send';
import { escapeXmlText, SEND_TYPE_IMAGE, SEND_TYPE_VIDEO } from './send-media';

/** AppMsgType of a link (article) card (docs/protocol.md 7.2.2). */
export const SEND_TYPE_APP_URL = 5;
/** Msg.Type of a location sent through webwxsendmsg (docs/protocol.md 9.2). */
export const SEND_TYPE_LOCATION = 48;
/** The envelope `Scene` wechat4u's forwardMsg sends for a forward ([UNSURE] meaning; docs/protocol.md 9.10). */
export const FORWARD_SCENE = 2;

interface SendBase {
  /** Self UserName. */
  from: string;
  to: string;
  clientMsgId?: string;
  signal?: AbortSignal;
}

const ASYNC_JSON = { fun: 'async', f: 'json' } as const;

function envelope(o: SendBase): { from: string; to: string; clientMsgId?: string; signal?: AbortSignal } {
  return { from: o.from, to: o.to, ...(o.clientMsgId ? { clientMsgId: o.clientMsgId } : {}), ...(o.signal ? { signal: o.signal } : {}) };
}

function bad(endpoint: string, message: string): ProtocolError {
  return new ProtocolError('WEBWX_BAD_ARGUMENT', endpoint, `${endpoint}: ${message}`);
}

export interface LinkCard {
  title: string;
  /** The card's second line ('' for none). */
  description: string;
  /** An http(s) URL the card opens. */
  url: string;
  /** An http(s) URL of the thumbnail the phone shows ('' for none); the web protocol cannot upload one. */
  thumbUrl: string;
}

/**
 * The appmsg XML of a link card (AppMsgType 5, docs/protocol.md 9.8/9.10): the element layout of
 * received link cards, single-quoted attributes like file messages, every text XML-escaped.
 * @example
 * linkAppMsgXml({ title: 'Docs', description: '', url: 'https://example.com', thumbUrl: '' });
 */
export function linkAppMsgXml(card: LinkCard): string {
  return (
    `<appmsg appid='' sdkver='0'><title>${escapeXmlText(card.title)}</title><des>${escapeXmlText(card.description)}</des><action></action>` +
    `<type>${SEND_TYPE_APP_URL}</type><showtype>0</showtype><content></content><url>${escapeXmlText(card.url)}</url><lowurl></lowurl>` +
    `<appattach><totallen>0</totallen><attachid></attachid><fileext></fileext></appattach><extinfo></extinfo>` +
    `<thumburl>${escapeXmlText(card.thumbUrl)}</thumburl></appmsg>`
  );
}

const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

/** Checks a link card before it is sent: a title and http(s) URLs (a bad card is refused here, not by the phone). */
export function checkLinkCard(card: LinkCard): void {
  if (card.title.trim() === '') throw bad('webwxsendappmsg', 'a link card needs a non-empty title');
  if (!HTTP_URL.test(card.url)) throw bad('webwxsendappmsg', `a link card needs an http(s) url, got ${JSON.stringify(card.url.slice(0, 80))}`);
  if (card.thumbUrl !== '' && !HTTP_URL.test(card.thumbUrl)) throw bad('webwxsendappmsg', `thumbUrl must be an http(s) url, got ${JSON.stringify(card.thumbUrl.slice(0, 80))}`);
}

export interface SendAppMessageOptions extends SendBase {
  /** Msg.Type: the AppMsgType (5 link, 6 file, 33 mini-program …), not 49. */
  appMsgType: number;
  /** The `<appmsg>…</appmsg>` XML, unescaped. */
  content: string;
  /** FORWARD_SCENE when forwarding a received app message. */
  scene?: number;
}

/** webwxsendappmsg?fun=async&f=json with any AppMsgType (`mod=desktop` in desktop mode). */
export async function sendAppMessage(ctx: SessionContext, o: SendAppMessageOptions): Promise<SendResult> {
  if (!Number.isInteger(o.appMsgType) || o.appMsgType <= 0) throw bad('webwxsendappmsg', `appMsgType must be a positive integer, got ${o.appMsgType}`);
  if (o.content === '') throw bad('webwxsendappmsg', 'the appmsg XML is empty');
  const desktop = ctx.mode === 'desktop';
  return postMessage(ctx, {
    name: 'webwxsendappmsg',
    query: { ...ASYNC_JSON, ...(desktop ? { mod: 'desktop' } : {}) },
    msg: { Type: o.appMsgType, Content: o.content },
    ...(o.scene !== undefined ? { scene: o.scene } : {}),
    ...envelope(o),
  });
}

/** webwxsendappmsg with a link card (AppMsgType 5). */
export async function sendLink(ctx: SessionContext, o: SendBase & LinkCard): Promise<SendResult> {
  checkLinkCard(o);
  return sendAppMessage(ctx, { ...o, appMsgType: SEND_TYPE_APP_URL, content: linkAppMsgXml(o) });
}

/**
 * What forwarding a received app message sends as Content (docs/protocol.md 9.8, wechat4u's
 * forwardMsg): its `<appmsg>…</appmsg>` part, unescaped, with `<attachid>` set to the message's
 * MediaId (files carry the attachment that way; links have an empty one).
 * @example
 * forwardAppMsgXml('<msg><appmsg><title>a</title><appattach><attachid></attachid></appattach></appmsg></msg>', '@crypt_1');
 * // '<appmsg><title>a</title><appattach><attachid>@crypt_1</attachid></appattach></appmsg>'
 */
export function forwardAppMsgXml(xml: string, mediaId: string): string {
  const start = xml.indexOf('<appmsg');
  const end = xml.lastIndexOf('</appmsg>');
  const appmsg = start >= 0 && end > start ? xml.slice(start, end + '</appmsg>'.length) : xml;
  return appmsg.replace(/<attachid>[\s\S]*?<\/attachid>/, `<attachid>${escapeXmlText(mediaId)}</attachid>`);
}

export interface ForwardContentOptions extends SendBase {
  /** The received message's Content: unescaped, group prefix removed. */
  content: string;
}

function requireContent(endpoint: string, content: string): void {
  if (content.trim() === '') throw bad(endpoint, 'nothing to forward: the received Content is empty');
}

/**
 * webwxsendmsgimg with the received image's Content and no MediaId: the server finds the picture
 * from the CDN references in that XML, nothing is uploaded (wechat4u's forwardMsg; docs/protocol.md 9.10).
 */
export async function forwardImage(ctx: SessionContext, o: ForwardContentOptions): Promise<SendResult> {
  requireContent('webwxsendmsgimg', o.content);
  return postMessage(ctx, { name: 'webwxsendmsgimg', query: ASYNC_JSON, msg: { Type: SEND_TYPE_IMAGE, MediaId: '', Content: o.content }, scene: FORWARD_SCENE, ...envelope(o) });
}

/** webwxsendvideomsg (Type 43, also for a received 62) with the received video's Content and no MediaId. */
export async function forwardVideo(ctx: SessionContext, o: ForwardContentOptions): Promise<SendResult> {
  requireContent('webwxsendvideomsg', o.content);
  return postMessage(ctx, { name: 'webwxsendvideomsg', query: ASYNC_JSON, msg: { Type: SEND_TYPE_VIDEO, MediaId: '', Content: o.content }, scene: FORWARD_SCENE, ...envelope(o) });
}

/** webwxsendmsg Type 48 with a received location's `OriContent` XML, unescaped (docs/protocol.md 9.2). */
export async function sendLocation(ctx: SessionContext, o: ForwardContentOptions): Promise<SendResult> {
  if (!o.content.includes('<location')) throw bad('webwxsendmsg', 'a location forward needs the received OriContent (<msg><location …/></msg>)');
  return postMessage(ctx, { name: 'webwxsendmsg', msg: { Type: SEND_TYPE_LOCATION, Content: o.content }, scene: FORWARD_SCENE, ...envelope(o) });
}

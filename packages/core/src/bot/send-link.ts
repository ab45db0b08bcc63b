import { checkLinkCard, newClientMsgId, ProtocolError, sendLink } from '@wxbot/protocol';
import { WxbotError } from '../errors/wxbot-error';
import type { ExecutorContext } from '../outbox/types';
import type { OutgoingLink, SentMessage } from '../pipeline/types';

/** What the outbox persists for a link card (docs/protocol.md 9.10). */
export interface LinkPayload {
  to: string;
  title: string;
  description: string;
  url: string;
  thumbUrl: string;
}

/**
 * The payload of `{ link }`, checked before it is queued: a title and http(s) URLs, else
 * WXBOT_INVALID_ARGUMENT naming the field.
 */
export function linkPayloadOf(to: string, link: OutgoingLink['link']): LinkPayload {
  const payload: LinkPayload = { to, title: String(link?.title ?? ''), description: String(link?.description ?? ''), url: String(link?.url ?? ''), thumbUrl: String(link?.thumbUrl ?? '') };
  try {
    checkLinkCard(payload);
  } catch (err) {
    if (err instanceof ProtocolError) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `link card: ${err.message.replace(/^webwxsendappmsg: /, '')}`, { to }, { cause: err });
    throw err;
  }
  return payload;
}

/** The `send-link` executor: one webwxsendappmsg (AppMsgType 5) with the action's ClientMsgId. */
export async function sendLinkOnce(ctx: ExecutorContext, p: LinkPayload): Promise<SentMessage> {
  const r = await sendLink(ctx.session, { from: ctx.selfUserName, to: p.to, title: p.title, description: p.description, url: p.url, thumbUrl: p.thumbUrl, clientMsgId: ctx.clientMsgId ?? newClientMsgId(), signal: ctx.signal });
  return Object.freeze({ msgId: r.msgId, localId: r.localId, to: p.to, sentAt: new Date() });
}

/**
 * Contact cards cannot be sent: the official web client has no way to, and the one form other
 * clients tried (webwxsendmsg Type 42, docs/protocol.md 9.2, [UNSURE] whether it works) names the
 * contact by a permanent WeChat id, which the web protocol does not give out.
 */
export function cardUnsupported(prefix = ''): WxbotError {
  return new WxbotError(
    'WXBOT_CARD_UNSUPPORTED',
    `${prefix}the web protocol cannot send contact cards (the web client has no such function, and the card needs the contact's permanent WeChat id, which web sessions never see); send the contact's name as text instead`,
  );
}

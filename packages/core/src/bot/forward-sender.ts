import { forwardAppMsgXml, forwardImage, forwardVideo, newClientMsgId, Ret, sendAppMessage, sendEmoticon, sendLocation, sendText, ServerRetError, SEND_TYPE_APP_FILE, FORWARD_SCENE, type SendResult } from '@wxbot/protocol';
import { WxbotError } from '../errors/wxbot-error';
import type { ExecutorContext } from '../outbox/types';
import type { SentMessage } from '../pipeline/types';
import type { ForwardPayload } from './forward';

/** Forwards whose original the server must still hold (Ret 1 then means it no longer does). */
const NEEDS_ORIGINAL = new Set<ForwardPayload['via']>(['image', 'video', 'emoticon']);

/**
 * The `forward` executor: one send as the web client forwards (docs/protocol.md 9.10), with the
 * action's ClientMsgId. A parameter error (Ret 1) on a forward that re-sends the server's own copy
 * of the media means it no longer has it: WXBOT_FORWARD_MEDIA_GONE.
 */
export async function forwardOnce(ctx: ExecutorContext, p: ForwardPayload): Promise<SentMessage> {
  const base = { from: ctx.selfUserName, to: p.to, clientMsgId: ctx.clientMsgId ?? newClientMsgId(), signal: ctx.signal };
  let r: SendResult;
  try {
    r = await send(ctx, p, base);
  } catch (err) {
    const media = NEEDS_ORIGINAL.has(p.via) || (p.via === 'app' && p.appMsgType === SEND_TYPE_APP_FILE);
    if (media && err instanceof ServerRetError && err.ret === Ret.PARAM_ERROR) {
      throw new WxbotError('WXBOT_FORWARD_MEDIA_GONE', `forwarding ${p.via} message ${p.source} to ${p.to}: the server no longer has its media (expired, or received in an earlier login); download it while you can and send it as new media`, { msgId: p.source, to: p.to }, { cause: err });
    }
    throw err;
  }
  return Object.freeze({ msgId: r.msgId, localId: r.localId, to: p.to, sentAt: new Date() });
}

function send(ctx: ExecutorContext, p: ForwardPayload, base: { from: string; to: string; clientMsgId: string; signal: AbortSignal }): Promise<SendResult> {
  switch (p.via) {
    case 'text':
      return sendText(ctx.session, { ...base, content: p.text });
    case 'location':
      return sendLocation(ctx.session, { ...base, content: p.content });
    case 'image':
      return forwardImage(ctx.session, { ...base, content: p.content });
    case 'video':
      return forwardVideo(ctx.session, { ...base, content: p.content });
    case 'emoticon':
      return sendEmoticon(ctx.session, { ...base, md5: p.md5 });
    case 'app':
      return sendAppMessage(ctx.session, { ...base, appMsgType: p.appMsgType, content: forwardAppMsgXml(p.content, p.mediaId), scene: FORWARD_SCENE });
  }
}

import { newClientMsgId, sendText } from '@wxbot/protocol';
import type { OutgoingText, SentMessage } from '../pipeline/types';
import type { ExecutorContext } from '../outbox/types';

/** Payload of the outbox's `text` action. */
export interface TextPayload {
  to: string;
  text: string;
  /** `<msgsource>` naming @-mentioned members (docs/protocol.md 9.4). */
  msgSource?: string;
}

/** The text and target of an Outgoing. */
export function normaliseOutgoing(defaultTo: string, outgoing: string | OutgoingText): { to: string; text: string } {
  if (typeof outgoing === 'string') return { to: defaultTo, text: outgoing };
  return { to: outgoing.to ?? defaultTo, text: outgoing.text };
}

/**
 * The `text` executor: one webwxsendmsg attempt with the action's ClientMsgId (the same on
 * every retry and after a restart, so the server can recognise a repeat). Retries, pacing
 * and the final WXBOT_SEND_FAILED belong to the outbox.
 */
export async function sendTextOnce(ctx: ExecutorContext, p: TextPayload): Promise<SentMessage> {
  const r = await sendText(ctx.session, { from: ctx.selfUserName, to: p.to, content: p.text, clientMsgId: ctx.clientMsgId ?? newClientMsgId(), signal: ctx.signal, ...(p.msgSource ? { msgSource: p.msgSource } : {}) });
  return Object.freeze({ msgId: r.msgId, localId: r.localId, to: p.to, sentAt: new Date() });
}

/**
 * A SentMessage from what the outbox returns: the live object, or its JSON form when the
 * outcome was remembered across a restart (then `sentAt` is a string).
 */
export function toSentMessage(value: unknown): SentMessage {
  const v = value as { msgId?: unknown; localId?: unknown; to?: unknown; sentAt?: unknown } | undefined;
  if (v && v.sentAt instanceof Date && Object.isFrozen(v)) return v as SentMessage;
  return Object.freeze({
    msgId: String(v?.msgId ?? ''),
    localId: String(v?.localId ?? ''),
    to: String(v?.to ?? ''),
    sentAt: new Date(typeof v?.sentAt === 'string' || typeof v?.sentAt === 'number' ? v.sentAt : Date.now()),
  });
}

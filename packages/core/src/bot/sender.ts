import { HttpStatusError, MalformedBodyError, NetworkError, newClientMsgId, sendText, type SessionContext } from '@wxbot/protocol';
import type { Logger } from 'pino';
import { WxbotError } from '../errors/wxbot-error';
import type { Outgoing, SentMessage } from '../pipeline/types';
import { backoffDelay, sleep } from '../session/backoff';

const SEND_ATTEMPTS = 3;

function isTransient(err: unknown): boolean {
  return err instanceof NetworkError || err instanceof HttpStatusError || err instanceof MalformedBodyError;
}

/** The text and target of an Outgoing. */
export function normaliseOutgoing(defaultTo: string, outgoing: Outgoing): { to: string; text: string } {
  if (typeof outgoing === 'string') return { to: defaultTo, text: outgoing };
  return { to: outgoing.to ?? defaultTo, text: outgoing.text };
}

/**
 * Send a text, retrying network errors and 5xx with the same ClientMsgId (so the server
 * can recognise a repeat). A final failure rejects with WXBOT_SEND_FAILED naming the cause.
 */
export async function sendWithRetry(ctx: SessionContext, from: string, to: string, text: string, log: Logger): Promise<SentMessage> {
  const clientMsgId = newClientMsgId();
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await sendText(ctx, { from, to, content: text, clientMsgId });
      return Object.freeze({ msgId: r.msgId, localId: r.localId, to, sentAt: new Date() });
    } catch (err) {
      if (!isTransient(err) || attempt + 1 >= SEND_ATTEMPTS) {
        throw new WxbotError('WXBOT_SEND_FAILED', `sending to ${to} failed: ${(err as Error).message}`, { to }, { cause: err });
      }
      const delay = backoffDelay(attempt, { baseMs: 300, capMs: 3000 });
      log.warn({ err: (err as Error).message, attempt: attempt + 1, retryInMs: delay }, 'send failed; retrying');
      await sleep(delay);
    }
  }
}

import type { Outgoing, SentMessage } from '@wxbot/core';
import type { ActionRecord } from './action-table';
import type { ServerContext } from './context';
import { ServerError } from './errors';
import { scrub } from './views';

/** A send asked from outside: text, media as bytes, or a link card. */
export type ApiOutgoing =
  | { text: string }
  | { image: Buffer; name?: string }
  | { file: Buffer; name: string }
  | { video: Buffer; name?: string }
  | { link: { title: string; url: string; description?: string; thumbUrl?: string } };

/**
 * The chat `to` names (this session's id, or a stable id: docs/identities.md), checked against
 * this session's contacts and groups; returns its id of this session.
 */
export function checkTarget(ctx: ServerContext, to: string): string {
  if (ctx.bot.state !== 'running' && ctx.bot.state !== 'reconnecting') {
    throw new ServerError('WXBOT_API_NOT_LOGGED_IN', `the bot is ${ctx.bot.state}, not logged in; send after the login (GET /api/status, or the "login" event)`);
  }
  if (ctx.bot.contacts.contact(to) || ctx.bot.contacts.group(to)) return to;
  try {
    return ctx.bot.contacts.get(to).id;
  } catch (err) {
    const why = (err as { details?: { reason?: unknown } }).details?.reason === 'unknown' ? '' : ` (${(err as Error).message})`;
    throw new ServerError('WXBOT_API_UNKNOWN_CHAT', `no chat ${JSON.stringify(to)} in this session${why}; ids change at every login, stable ids do not: look it up with GET /api/contacts?q= or GET /api/rooms?q=`);
  }
}

/**
 * Queues a send through the bot (and so its outbox and safety limits, like a plugin's reply) and
 * returns at once; the outcome lands in the action record and as a `sent` or `error` event.
 */
export function queueSend(ctx: ServerContext, target: string, outgoing: ApiOutgoing): ActionRecord {
  const to = checkTarget(ctx, target);
  const kind = Object.keys(outgoing).find((k) => k !== 'name') ?? 'text';
  return track(ctx, to, kind, ctx.bot.send(to, outgoing as Outgoing));
}

/**
 * Queues a forward of a message the bot received (by the id of its `message` event), tracked
 * like a send: what the web protocol cannot forward (store stickers, voice, cards …) fails its
 * action with the core's code (WXBOT_FORWARD_*, WXBOT_CARD_UNSUPPORTED).
 */
export function queueForward(ctx: ServerContext, to: string, messageId: string): ActionRecord {
  checkTarget(ctx, to);
  const message = ctx.recent.get(messageId);
  if (!message) {
    throw new ServerError('WXBOT_API_NOT_FOUND', `no received message ${JSON.stringify(messageId)}: forward uses the id of a "message" event or webhook of this process (the last 500 are kept)`);
  }
  return track(ctx, to, 'forward', ctx.bot.forward(message, to));
}

function track(ctx: ServerContext, to: string, kind: string, sending: Promise<SentMessage>): ActionRecord {
  const record = ctx.actions.add(to, ctx.bot.contacts.contact(to)?.name ?? ctx.bot.contacts.group(to)?.name ?? '', kind);
  sending.then(
    (sent) => {
      record.status = 'sent';
      record.msgId = sent.msgId;
      ctx.hub.publish('sent', { actionId: record.id, to, msgId: sent.msgId, kind });
    },
    (err: Error & { code?: unknown }) => {
      record.status = 'failed';
      record.error = { message: scrub(err.message), ...(typeof err.code === 'string' ? { code: err.code } : {}) };
      ctx.log.warn({ actionId: record.id, to, err: record.error.message }, 'a send asked through the control API failed');
      ctx.hub.publish('error', { message: `send ${record.id} to ${to} failed: ${record.error.message}`, ...(record.error.code ? { code: record.error.code } : {}) });
    },
  );
  return record;
}

import type { Logger } from 'pino';
import type { ContactDirectory } from '../contacts/types';
import type { Message, MessageKind } from '../message/types';

/** Something to send. A plain string is a text message. */
export type Outgoing = string | OutgoingText;

export interface OutgoingText {
  text: string;
  /** UserName of the target chat; defaults to the chat the message came from. */
  to?: string;
}

/** What the server said about a message we sent. */
export interface SentMessage {
  /** Server id (`MsgID` of the send response): needed to revoke. */
  readonly msgId: string;
  /** Our ClientMsgId / LocalID. */
  readonly localId: string;
  readonly to: string;
  readonly sentAt: Date;
}

/** What a handler may return: replies to send to the message's chat. */
export type HandlerResult = void | undefined | null | Outgoing | readonly Outgoing[];

/** The actions and data a handler can use beyond the message itself. */
export interface BotApi {
  readonly contacts: ContactDirectory;
  /** Send a message to a chat by UserName. Resolves once the server accepted it. */
  send(to: string, outgoing: Outgoing): Promise<SentMessage>;
}

/**
 * One per message per plugin pass. `reply` prefills the chat the message came from.
 * @example
 * bot.use(async (ctx, next) => { if (ctx.message.text === 'ping') return 'pong'; await next(); });
 */
export interface Context<S extends Record<string, unknown> = Record<string, unknown>> {
  readonly message: Message;
  readonly bot: BotApi;
  /** Shared by all middleware handling this message. */
  readonly state: S;
  /** pino child bound to the message id and the current plugin's name. */
  readonly log: Logger;
  /** Aborted when the bot stops or the handler deadline passes. */
  readonly signal: AbortSignal;
  /** Name of the plugin whose middleware is running. */
  readonly plugin: string;
  /** Send a reply to the chat the message came from. */
  reply(outgoing: Outgoing): Promise<SentMessage>;
}

export type Next = () => Promise<void>;

export type Middleware<S extends Record<string, unknown> = Record<string, unknown>> = (
  ctx: Context<S>,
  next: Next,
) => HandlerResult | Promise<HandlerResult>;

/** Chat-side filters. `mentioned` means a group message that @-mentions the bot. */
export type ChatFilter = 'friend' | 'group' | 'mentioned' | 'official' | 'self';
export const CHAT_FILTERS: readonly ChatFilter[] = ['friend', 'group', 'mentioned', 'official', 'self'];

/**
 * A filter query, checked when registered: a message kind (`'text'`), a chat filter
 * (`'group'`), or both joined by a colon (`'group:text'`, `'mentioned:image'`).
 */
export type FilterQuery = MessageKind | ChatFilter | `${ChatFilter}:${MessageKind}`;

export type { Message, MessageKind };

import type { Logger } from 'pino';
import type { Message } from '../message/types';
import type { BotApi, Context, Outgoing, SentMessage } from './types';

/** What a Context is made of. */
export interface ContextInit<S extends Record<string, unknown> = Record<string, unknown>> {
  readonly message: Message;
  readonly bot: BotApi;
  /** Shared by every plugin for this one message. */
  readonly state: S;
  /** Parent logger; the context gets a child bound to `{ msgId, plugin }`. */
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly plugin: string;
}

/**
 * Where an outgoing message goes: its own `to` when it has one, else the message's chat.
 * @example
 * replyTarget(message, { text: 'hi', to: 'filehelper' }); // 'filehelper'
 */
export function replyTarget(message: Message, outgoing: Outgoing): string {
  return typeof outgoing === 'object' && outgoing.to ? outgoing.to : message.chat.id;
}

/**
 * Creates the Context one plugin sees for one message.
 * @example
 * const ctx = createContext({ message, bot, state: {}, logger, signal, plugin: 'echo' });
 * await ctx.reply('hi'); // bot.send(message.chat.id, 'hi')
 */
export function createContext<S extends Record<string, unknown> = Record<string, unknown>>(init: ContextInit<S>): Context<S> {
  const { message, bot } = init;
  return Object.freeze({
    message,
    bot,
    state: init.state,
    log: init.logger.child({ msgId: message.id, plugin: init.plugin }),
    signal: init.signal,
    plugin: init.plugin,
    reply(outgoing: Outgoing): Promise<SentMessage> {
      return bot.send(replyTarget(message, outgoing), outgoing);
    },
  });
}

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
  return Object.freeze(new MessageContext(init));
}

// A class so `log` can be a prototype getter: the per-plugin child logger is made only when a
// handler reads it (most never do), which matters on the hot path of every message.
class MessageContext<S extends Record<string, unknown>> implements Context<S> {
  readonly message: Message;
  readonly bot: BotApi;
  readonly state: S;
  readonly signal: AbortSignal;
  readonly plugin: string;
  private readonly logger: Logger;
  private child: Logger | undefined;

  constructor(init: ContextInit<S>) {
    this.message = init.message;
    this.bot = init.bot;
    this.state = init.state;
    this.signal = init.signal;
    this.plugin = init.plugin;
    this.logger = init.logger;
  }

  get log(): Logger {
    // Frozen instances cannot cache on themselves; a fresh child per read is still correct.
    return this.child ?? this.logger.child({ msgId: this.message.id, plugin: this.plugin });
  }

  reply(outgoing: Outgoing): Promise<SentMessage> {
    return this.bot.send(replyTarget(this.message, outgoing), outgoing);
  }

  forward(to: string): Promise<SentMessage> {
    return this.bot.forward(this.message, to);
  }
}

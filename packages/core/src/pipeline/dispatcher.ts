import type { Logger } from 'pino';
import type { Message } from '../message/types';
import { compose } from './compose';
import type { ComposedMiddleware } from './compose';
import { createContext } from './context';
import { isOutgoing } from './outgoing';
import type { BotApi, Context, HandlerResult, Middleware } from './types';

/** One plugin's registered middleware, in registration order (filters already applied). */
export interface PluginChain {
  readonly name: string;
  /** Deliver messages this account sent, too. */
  readonly includeSelf: boolean;
  readonly middleware: readonly Middleware[];
}

/** Where a reported failure happened. */
export interface DispatchErrorInfo {
  /** 'handler': a middleware threw; 'reply': sending a returned reply failed. */
  readonly phase: 'handler' | 'reply';
  readonly plugin: string;
  readonly message: Message;
}

export interface DispatcherOptions {
  /** In plugin order. */
  readonly plugins: readonly PluginChain[];
  readonly bot: BotApi;
  readonly logger: Logger;
  /** Told about every isolated failure (after it was logged), e.g. to emit the bot's `error` event. */
  readonly onError?: (error: unknown, info: DispatchErrorInfo) => void;
}

export interface Dispatcher {
  /** Runs one message through all plugins; resolves when every handler and reply is done. Never rejects. */
  /** `options.bot` replaces the dispatcher's bot as `ctx.bot` for this message (e.g. one scoped to it). */
  dispatch(message: Message, options?: { signal?: AbortSignal; bot?: BotApi }): Promise<void>;
}


/**
 * Builds the message pipeline over the plugins' middleware.
 *
 * The plugins' chains are linked into one chain, grammY-style: a plugin passes a message on by
 * calling `next()` (or by not matching its filters); one that does not call `next` has handled
 * it and later plugins do not see it. Errors are isolated per plugin: a handler that throws is
 * logged with the plugin's name and the message id, reported to `onError`, and — unless it had
 * already called `next` — the message continues to the next plugin. What a handler returns is
 * sent to the message's chat (or to `to`), in order, before control returns upstream; a failed
 * send is logged and reported, not thrown. Once `signal` aborts, no further plugin starts.
 * @example
 * const dispatcher = createDispatcher({ plugins: host.chains, bot, logger });
 * await dispatcher.dispatch(message, { signal });
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { bot, logger, onError } = options;

  const report = (error: unknown, info: DispatchErrorInfo, log: Logger): void => {
    log.error({ err: error, phase: info.phase }, info.phase === 'handler' ? 'plugin handler failed' : 'sending reply failed');
    try {
      onError?.(error, info);
    } catch (hookError) {
      log.error({ err: hookError }, 'onError hook failed');
    }
  };

  const sendResult = async (result: NonNullable<HandlerResult>, ctx: Context): Promise<void> => {
    const replies: readonly unknown[] = Array.isArray(result) ? result : [result];
    for (const reply of replies) {
      if (!isOutgoing(reply)) {
        ctx.log.warn({ returned: typeof reply }, 'handler returned something that is not a reply; ignored');
        continue;
      }
      try {
        await ctx.reply(reply);
      } catch (error) {
        report(error, { phase: 'reply', plugin: ctx.plugin, message: ctx.message }, ctx.log);
      }
    }
  };

  const chains: ReadonlyArray<{ plugin: PluginChain; run: ComposedMiddleware }> = options.plugins.map((plugin) => ({
    plugin,
    run: compose(plugin.middleware, sendResult),
  }));

  return {
    async dispatch(message, { signal = new AbortController().signal, bot: messageBot = bot } = {}) {
      const state: Record<string, unknown> = {};
      const runFrom = async (index: number): Promise<void> => {
        const entry = chains[index];
        if (!entry || signal.aborted) return;
        const { plugin, run } = entry;
        if (message.isSelf && !plugin.includeSelf) return runFrom(index + 1);
        const ctx = createContext({ message, bot: messageBot, state, logger, signal, plugin: plugin.name });
        let passedOn = false;
        try {
          await run(ctx, async () => {
            passedOn = true;
            await runFrom(index + 1);
          });
        } catch (error) {
          report(error, { phase: 'handler', plugin: plugin.name, message }, ctx.log);
          if (!passedOn) await runFrom(index + 1);
        }
      };
      await runFrom(0);
    },
  };
}

import type { Logger } from 'pino';
import type { Message } from '../message/types';
import { createDispatcher } from '../pipeline/dispatcher';
import type { BotApi } from '../pipeline/types';
import { PluginHost, type PluginEntry } from '../plugin/plugin-host';
import type { PluginEventName } from '../plugin/types';
import type { BotEvents } from '../events/bot-events';
import type { PluginStorage, StableIdOf } from '../storage/plugin-storage';

/** The bot's view of its plugins: run a message through them; tear them down. */
export interface MessagePipeline {
  /** `bot`: what the handlers see as `ctx.bot` for this message (default: the bot itself). */
  dispatch(message: Message, options: { signal: AbortSignal; bot?: BotApi }): Promise<void>;
  dispose(): Promise<void>;
  /** Deliver a bot event to the plugins' listeners. */
  emit<K extends PluginEventName>(name: K, ...args: BotEvents[K]): Promise<void>;
  readonly pluginNames: readonly string[];
  /** Some plugin asked for the bot's own messages (`includeSelf`); otherwise they are not dispatched. */
  readonly wantsSelf: boolean;
}

/** Validate and set up the plugins (bad options stop startup here), then build the dispatcher. */
export async function createMessagePipeline(entries: readonly PluginEntry[], bot: BotApi & { emit(event: 'error', err: Error): boolean; listenerCount(event: 'error'): number }, logger: Logger, storage?: string | ((plugin: string, stableIdOf: StableIdOf) => PluginStorage)): Promise<MessagePipeline> {
  // A directory (a file per plugin), or each plugin's storage in the state store.
  const host = new PluginHost({ bot, logger, ...(typeof storage === 'string' ? { storageDir: storage } : storage ? { storageFor: storage } : {}) });
  await host.load(entries);
  const dispatcher = createDispatcher({
    plugins: host.chains,
    bot,
    logger,
    onError: (error) => {
      if (bot.listenerCount('error') > 0) bot.emit('error', error instanceof Error ? error : new Error(String(error)));
    },
  });
  // Dispose waits for messages still in this pipeline, so a reload never tears a plugin
  // down under a running handler.
  const inflight = new Set<Promise<void>>();
  return {
    dispatch: (message, options) => {
      const run = dispatcher.dispatch(message, options);
      inflight.add(run);
      return run.finally(() => inflight.delete(run));
    },
    dispose: async () => {
      await Promise.allSettled([...inflight]);
      await host.dispose();
    },
    emit: (name, ...args) => host.emit(name, ...args),
    pluginNames: host.names,
    wantsSelf: host.chains.some((p) => p.includeSelf),
  };
}

import type { Logger } from 'pino';
import type { ZodType, ZodTypeDef } from 'zod';
import type { BotEvents } from '../events/bot-events';
import type { PluginStorage } from '../storage/plugin-storage';
import type { BotApi, FilterQuery, MessageFor, Middleware } from '../pipeline/types';

/** Bot events a plugin can listen to with `api.onEvent`. */
export type PluginEventName = 'friendship' | 'room-join' | 'room-leave' | 'room-topic' | 'contact' | 'login' | 'logout';

/** A plugin's event listener; a throw is logged with the plugin's name and stops nothing. */
export type PluginEventListener<K extends PluginEventName> = (...args: BotEvents[K]) => void | Promise<void>;

/** Undoes what a plugin's setup did (timers, listeners...). Run in reverse plugin order on stop. */
export type Disposer = () => void | Promise<void>;

/** What a plugin's `setup` receives to register its behaviour. */
export interface PluginApi {
  /** This plugin's name. */
  readonly name: string;
  readonly bot: BotApi;
  /** pino child bound to the plugin name. */
  readonly log: Logger;
  /** This plugin's key-value store, kept across restarts and reloads (in memory in tests). */
  readonly storage: PluginStorage;
  /** Add middleware for every message (own messages excluded unless `includeSelf`). */
  use(middleware: Middleware): void;
  /**
   * Add middleware for messages matching a filter query, or any of a list (validated now; an
   * unknown query throws WXBOT_UNKNOWN_FILTER). The context is narrowed to what the query
   * guarantees.
   * @example api.on('group:image', (ctx) => ctx.message.media.size); // media is there
   */
  on<Q extends FilterQuery>(filter: Q | readonly Q[], middleware: Middleware<Record<string, unknown>, MessageFor<Q>>): void;
  /**
   * Add middleware for text messages matching a string (the whole trimmed text) or a RegExp.
   * In a group, a leading @-mention of the bot is left out before matching: "@wxbot ping" is
   * heard as "ping" (`ctx.message.text` keeps the mention).
   */
  hears(pattern: string | RegExp, middleware: Middleware<Record<string, unknown>, MessageFor<'text'>>): void;
  /**
   * Listen to a bot event (friend requests, group joins...). Removed when the plugin unloads.
   * @example api.onEvent('friendship', async (e) => { if (e.type === 'request') await e.accept(); });
   */
  onEvent<K extends PluginEventName>(name: K, listener: PluginEventListener<K>): void;
}

/**
 * A plugin: a named unit with validated options.
 * @example
 * export default definePlugin({
 *   name: 'ping',
 *   options: z.object({ answer: z.string().default('pong') }),
 *   setup(api, options) { api.hears('ping', () => options.answer); },
 * });
 */
export interface PluginDefinition<O = void, I = O> {
  /** Unique name; appears in logs and errors. */
  name: string;
  /**
   * zod schema for the options; defaults apply. Bad options stop startup with a clear error.
   * Its input type is what the factory accepts, so `tsc` and editors check the options too.
   */
  options?: ZodType<O, ZodTypeDef, I>;
  /** Deliver the bot's own messages (from this bot or from the owner's phone) too. */
  includeSelf?: boolean;
  setup(api: PluginApi, options: O): void | Disposer | Promise<void | Disposer>;
}

/** A plugin definition paired with the (not yet validated) options the user gave it. */
export interface PluginInstance<O = unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the input type matters to the factory only
  readonly definition: PluginDefinition<O, any>;
  readonly rawOptions: unknown;
}

/**
 * What `definePlugin` returns: call it with options to get an instance for the config's
 * `plugins` list (a factory with no arguments uses the defaults). `I` is the schema's input
 * type: `hello({ answer: 42 })` does not compile when `answer` is a `z.string()`.
 * @example
 * const instance = hello({ answer: 'pong' });
 */
export interface PluginFactory<O, I = unknown> {
  (options?: I): PluginInstance<O>;
  readonly definition: PluginDefinition<O, I>;
}

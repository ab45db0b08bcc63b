import type { Logger } from 'pino';
import { WxbotError } from '../errors/wxbot-error';
import type { PluginChain } from '../pipeline/dispatcher';
import { compileFilter, filtered, hears } from '../pipeline/filters';
import type { BotApi, Middleware } from '../pipeline/types';
import { pluginOptionsError } from './options-error';
import { openPluginStorage, type PluginStorage, type StableIdOf } from '../storage/plugin-storage';
import type { BotEvents } from '../events/bot-events';
import type { Disposer, PluginApi, PluginDefinition, PluginEventName, PluginFactory, PluginInstance } from './types';

/** What the config's `plugins` list may hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PluginEntry = PluginInstance<any> | PluginFactory<any, any> | PluginDefinition<any, any>;

export interface PluginHostOptions {
  readonly bot: BotApi;
  readonly logger: Logger;
  /** Where plugins' storage files go (`<home>/plugins`); absent: storage is in memory. */
  readonly storageDir?: string;
  /** Each plugin's storage from elsewhere (the bot's state store); wins over `storageDir`. */
  readonly storageFor?: (plugin: string, stableIdOf: StableIdOf) => PluginStorage;
}

interface LoadedPlugin {
  readonly name: string;
  readonly includeSelf: boolean;
  readonly middleware: Middleware[];
  // Stored untyped: each entry's listener matches its own `name`, which emit() checks.
  readonly listeners: Array<{ name: PluginEventName; listener: (...args: unknown[]) => void | Promise<void> }>;
  disposer?: Disposer;
  log: Logger;
}

type Validated = { definition: PluginDefinition<unknown>; options: unknown };

function toInstance(entry: unknown, index: number): PluginInstance {
  const candidate = entry as Partial<PluginInstance> & Partial<PluginDefinition<unknown>>;
  if (typeof entry === 'function' && 'definition' in entry) return (entry as PluginFactory<unknown>)();
  if (candidate && typeof candidate === 'object' && candidate.definition) return candidate as PluginInstance;
  if (candidate && typeof candidate === 'object' && typeof candidate.name === 'string' && typeof candidate.setup === 'function') {
    return { definition: candidate as PluginDefinition<unknown>, rawOptions: undefined };
  }
  throw new WxbotError('WXBOT_UNKNOWN_PLUGIN', `plugins[${index}] is not a plugin: expected what definePlugin() returns, called or not`, { index });
}

function validate(instance: PluginInstance): Validated {
  const { definition, rawOptions } = instance;
  const schema = definition.options;
  if (!schema) return { definition, options: rawOptions };
  let parsed = schema.safeParse(rawOptions);
  // A factory called without options means "use the defaults": let an object schema fill them.
  if (!parsed.success && rawOptions === undefined) parsed = schema.safeParse({});
  if (!parsed.success) throw pluginOptionsError(definition.name, parsed.error.issues, rawOptions ?? {}, schema);
  return { definition, options: parsed.data };
}

/**
 * Loads plugins: checks names, validates every plugin's options (before any setup runs, so a
 * typo costs no side effects), then runs each `setup` in order and records its middleware and
 * disposer. One host per plugin generation: to reload, `dispose()` it and build a new one.
 * @example
 * const host = new PluginHost({ bot, logger });
 * await host.load([echo(), keyword({ rules: [...] })]);
 * const dispatcher = createDispatcher({ plugins: host.chains, bot, logger });
 * // on stop:
 * await host.dispose();
 */
export class PluginHost {
  private readonly loaded: LoadedPlugin[] = [];
  private phase: 'new' | 'loading' | 'ready' | 'disposed' = 'new';

  constructor(private readonly options: PluginHostOptions) {}

  /** The plugins' middleware chains, in plugin order (for `createDispatcher`). */
  get chains(): readonly PluginChain[] {
    return this.loaded.map(({ name, includeSelf, middleware }) => ({ name, includeSelf, middleware: [...middleware] }));
  }

  /** Names of the loaded plugins, in order. */
  get names(): readonly string[] {
    return this.loaded.map((plugin) => plugin.name);
  }

  /** Validates and sets up all plugins; on a setup failure, already set-up plugins are disposed. */
  async load(entries: readonly PluginEntry[]): Promise<void> {
    if (this.phase !== 'new') throw new WxbotError('WXBOT_LATE_REGISTRATION', `plugins were already loaded on this host (${this.phase})`);
    this.phase = 'loading';
    const instances = entries.map(toInstance);
    const seen = new Map<string, number>();
    instances.forEach(({ definition }, index) => {
      const first = seen.get(definition.name);
      if (first !== undefined) {
        throw new WxbotError('WXBOT_PLUGIN_DUPLICATE', `plugin "${definition.name}" is listed twice (plugins[${first}] and plugins[${index}])`, { plugin: definition.name });
      }
      seen.set(definition.name, index);
    });
    const validated = instances.map(validate);
    for (const { definition, options } of validated) await this.setUp(definition, options);
    this.phase = 'ready';
  }

  private async setUp(definition: PluginDefinition<unknown>, options: unknown): Promise<void> {
    const log = this.options.logger.child({ plugin: definition.name });
    const plugin: LoadedPlugin = { name: definition.name, includeSelf: definition.includeSelf ?? false, middleware: [], listeners: [], log };
    let open = true;
    const register = (middleware: Middleware): void => {
      if (!open) {
        throw new WxbotError('WXBOT_LATE_REGISTRATION', `plugin "${definition.name}" registered middleware after its setup finished; register everything inside setup()`, { plugin: definition.name });
      }
      plugin.middleware.push(middleware);
    };
    const bot = this.options.bot;
    const stableIdOf = (id: string): string | undefined => bot.contacts.contact(id)?.stableId || bot.contacts.group(id)?.stableId || undefined;
    const storage = this.options.storageFor?.(definition.name, stableIdOf) ?? await openPluginStorage(this.options.storageDir, definition.name, (err) => log.error({ err: err.message }, 'plugin storage error'), stableIdOf);
    const api: PluginApi = {
      name: definition.name,
      bot: this.options.bot,
      log,
      storage,
      use: (middleware) => register(middleware),
      // The predicate lets through only messages of the narrowed type, so the cast holds.
      on: (filter, middleware) => register(filtered(compileFilter(filter), middleware as Middleware)),
      hears: (pattern, middleware) => register(hears(pattern, middleware as Middleware)),
      onEvent: (name, listener) => {
        if (!open) throw new WxbotError('WXBOT_LATE_REGISTRATION', `plugin "${definition.name}" added an event listener after its setup finished; register everything inside setup()`, { plugin: definition.name });
        plugin.listeners.push({ name, listener: listener as unknown as (...args: unknown[]) => void | Promise<void> });
      },
    };
    try {
      const disposer = await definition.setup(api, options);
      if (typeof disposer === 'function') plugin.disposer = disposer;
    } catch (error) {
      open = false;
      await this.dispose();
      if (error instanceof WxbotError && error.code !== 'WXBOT_PLUGIN_SETUP') {
        // e.g. an unknown filter: keep its code, but say which plugin made it.
        throw new WxbotError(error.code, `plugin "${definition.name}": ${error.message}`, { ...error.details, plugin: definition.name }, { cause: error });
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new WxbotError('WXBOT_PLUGIN_SETUP', `plugin "${definition.name}" failed to set up: ${reason}`, { plugin: definition.name }, { cause: error });
    }
    open = false;
    this.loaded.push(plugin);
  }

  /**
   * Deliver a bot event to every plugin listening for it, in plugin order. A listener that
   * throws is logged with its plugin's name; the others still run. Resolves when all are done.
   */
  async emit<K extends PluginEventName>(name: K, ...args: BotEvents[K]): Promise<void> {
    for (const plugin of this.loaded) {
      for (const entry of plugin.listeners) {
        if (entry.name !== name) continue;
        try {
          await entry.listener(...args);
        } catch (error) {
          plugin.log.error({ err: error, event: name }, 'plugin event listener failed');
        }
      }
    }
  }

  /** Runs the disposers in reverse plugin order. A failing disposer is logged, never thrown. Idempotent. */
  async dispose(): Promise<void> {
    if (this.phase === 'disposed') return;
    this.phase = 'disposed';
    for (const plugin of [...this.loaded].reverse()) {
      try {
        await plugin.disposer?.();
      } catch (error) {
        plugin.log.error({ err: error }, 'plugin disposer failed');
      }
    }
    this.loaded.length = 0;
  }
}

import type { PluginDefinition, PluginFactory, PluginInstance, QuietWindow } from '@wxbot/core';
import type { EngineConfig, EngineSettings } from './types-engine';

/** Minimum severity that gets logged; `silent` logs nothing. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/**
 * How the client presents itself at login. `desktop` is the UOS desktop-client variant
 * (docs/protocol.md §12.3): it gets past `ret 1203` ("this account cannot log in to Web WeChat").
 */
export type LoginMode = 'web' | 'desktop';

/** A plugin value as produced by `definePlugin` (a factory, a called factory, or a definition). */
// `any` because plugins have unrelated option types; each validates its own with its zod schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PluginValue = PluginFactory<any, any> | PluginInstance<any> | PluginDefinition<any, any>;

/**
 * One entry of `plugins`. A name is looked up as `@wxbot/plugin-<name>`, `wxbot-plugin-<name>`,
 * the package `<name>`, then a path relative to the config file.
 * @example
 * plugins: [
 *   echo,                                  // imported plugin (factory, instance or definition)
 *   echo({ prefix: '> ' }),                // called factory
 *   'keyword',                             // -> @wxbot/plugin-keyword
 *   ['auto-reply', { rules: [] }],         // name + options
 *   { use: './plugins/my-plugin', options: { verbose: true } },
 * ]
 */
export type PluginEntry =
  | PluginValue
  | string
  | readonly [name: string | PluginValue, options?: unknown]
  | { use: string | PluginValue; options?: unknown; canary?: CanaryConfig };

/**
 * `canary` of a `{ use }` plugin entry: the plugin acts only in these chats (group topics,
 * remarks or nicknames) and passes every other message on, as if it were not loaded.
 * @example { use: 'auto-reply', options: { rules }, canary: { chats: ['Dev Team'] } }
 */
export interface CanaryConfig {
  chats: readonly string[];
}

/**
 * What `bot.config.ts` exports. Every field is optional; see docs/configuration.md.
 * Precedence for each value: command-line flag > environment variable > this file > default.
 */
export interface BotConfig extends EngineConfig {
  /** Plugins to load, in order (middleware runs in this order). Default `[]`. */
  plugins?: readonly PluginEntry[];
  /**
   * Directory for the saved session (cookies, sync key, plugin storage). Default `./.wxbot`
   * relative to the working directory; a relative value here is relative to this config file.
   * Env `WXBOT_HOME`, flag `--home`.
   */
  home?: string;
  /**
   * Send every request to this `http://host:port` instead of the real WeChat hosts, over plain HTTP
   * with the real `Host` header (for the simulator or a recording proxy). Default: none.
   * Env `WXBOT_ENDPOINT`, flag `--endpoint`. Only `http://`: an `https://` endpoint is refused
   * (`WXBOT_CONFIG_INVALID`), the override speaks plain HTTP.
   * @example endpoint: 'http://127.0.0.1:8080'
   */
  endpoint?: string;
  /**
   * Where the state that must survive a crash lives: `redis://[:password@]host:port/db` keeps it
   * in Redis (package `@wxbot/store-redis`; docs/scaling.md), so the account can move to another
   * worker. Default: the state log `<home>/state.log`. Env `WXBOT_STORE`, flag `--store`.
   * High availability: `redis+sentinel://[:password@]host:26379[,host:26379...]/MASTER[/db]`
   * (Sentinel) or `redis-cluster://[:password@]host:port[,host:port...]` (a bot's own store;
   * not the fleet registry); `?wait=N` acknowledges a write only once N replicas have it.
   * @example store: 'redis://127.0.0.1:6379/0'
   */
  store?: string;
  /**
   * The account this bot runs, with a Redis `store`: it namespaces every key, and one worker at
   * a time holds its lease. Default `default`. Env `WXBOT_ACCOUNT`, flag `--account`.
   * @example account: 'sales-1'
   */
  account?: string;
  /**
   * Send every request to the real hosts through this proxy (`http://host:port`, `https://...`,
   * `user:password@` allowed): https:// hosts through a CONNECT tunnel. Flag `--proxy`.
   * Default: the standard `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY` variables.
   * @example proxy: 'http://127.0.0.1:3128'
   */
  proxy?: string;
  login?: {
    /** `web` (default) or `desktop` (UOS mode). Env `WXBOT_LOGIN_MODE`, flag `--login-mode`. */
    mode?: LoginMode;
    /** How many fresh QR codes to offer when one expires before giving up. Default `5`. */
    qrRetries?: number;
    /** Reuse the saved session in `home` if it is still logged in. Default `true`. */
    resume?: boolean;
    /** When the saved session expired, ask the phone to confirm instead of showing a QR. Default `true`. */
    pushLogin?: boolean;
    /**
     * Desktop mode's `extspam` header. Default: the value the desktop (UOS) client sends
     * (`DESKTOP_EXTSPAM` of @wxbot/protocol); set it only if the server stops accepting that one.
     */
    extspam?: string;
  };
  log?: {
    /** Default `info`. Env `WXBOT_LOG_LEVEL`, flag `--log-level`. */
    level?: LogLevel;
    /** Human-readable lines instead of JSON. Default: `true` when stdout is a terminal. */
    pretty?: boolean;
    /** One info line per handled incoming message and per reply sent (chat, sender, kind, excerpt). Default `true`. */
    messages?: boolean;
  };
  /** Options for `wxbot start --sim` (run against the bundled simulator). */
  sim?: {
    /** Simulator scenario name. Default: the simulator's default scenario. */
    scenario?: string;
    /** Simulator's long-poll hold time in milliseconds. Default: the simulator's. */
    longPollMs?: number;
  };
  /** A handler still running after this many milliseconds is abandoned and logged. Default `30000`. */
  handlerTimeoutMs?: number;
  /** On stop (Ctrl-C), how long in-flight handlers may finish before they are abandoned. Default `10000`. */
  stopTimeoutMs?: number;
  /** Log in again (resume, push login, then QR) when the server ends the session. Default `true`. */
  relogin?: boolean;
  /**
   * The control API, web console and metrics (`@wxbot/server`, see docs/api.md). Off unless this key
   * or the `--api [PORT]` flag is given.
   * @example api: { port: 8720 }
   */
  api?: {
    /** Default `8720`; `0` picks any free port. Flag `--api PORT`. */
    port?: number;
    /** Default `127.0.0.1`. Any other address needs `token`. */
    host?: string;
    /** Bearer token of `/api` (16+ characters). Env `WXBOT_API_TOKEN`. Default: generated into `<home>/api-token`. */
    token?: string;
  };
  /**
   * Signed POSTs of the bot's events (docs/api.md, "Webhooks"); needs `api` (or `--api`).
   * @example webhooks: [{ url: 'https://example.com/wx', events: ['message'], secret: process.env.HOOK_SECRET! }]
   */
  webhooks?: ReadonlyArray<{ url: string; events?: ReadonlyArray<'message' | 'sent' | 'state' | 'qr' | 'login' | 'logout' | 'error'>; secret: string }>;
  media?: {
    /** `download()` refuses media above this many bytes (use `downloadTo()`). Default `26214400` (25 MiB). */
    maxBytes?: number;
  };
  /** What saved state survives: `'process'` a crash of the process, `'power'` also a power loss (fdatasync per group commit). Default `'process'`. */
  durability?: 'process' | 'power';
  /**
   * `'dry-run'`: log in and run every plugin, but send nothing; each would-be action is logged and
   * listed by `GET /api/dry-run`. Flag `--dry-run`. Default `'live'`.
   */
  mode?: 'live' | 'dry-run';
}

/** Where a resolved value came from. */
export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

/** The configuration after merging all layers: every field has a value. */
export interface ResolvedConfig {
  /** Absolute path of the config file used, or `null` when none was found (defaults apply). */
  readonly configFile: string | null;
  /** Directory plugin paths are relative to: the config file's directory, else `cwd`. */
  readonly configDir: string;
  readonly cwd: string;
  /** Plugin entries as written; turn them into instances with `resolvePlugins`. */
  readonly plugins: readonly PluginEntry[];
  /** Absolute session directory. */
  readonly home: string;
  readonly endpoint: string | null;
  /** The Redis state store and the account in it, or `null`: the state log in `home`. */
  readonly store: { readonly url: string; readonly account: string } | null;
  /** The `proxy` option, or `null`: the HTTP client then reads the proxy variables itself. */
  readonly proxy: string | null;
  readonly login: { readonly mode: LoginMode; readonly qrRetries: number; readonly resume: boolean; readonly pushLogin: boolean; readonly extspam?: string };
  readonly log: { readonly level: LogLevel; readonly pretty: boolean; readonly messages: boolean };
  readonly sim: { readonly scenario: string | null; readonly longPollMs: number | null };
  readonly handlerTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly relogin: boolean;
  /** The control API, or `null` when off (the default). */
  readonly api: { readonly port: number; readonly host: string; readonly token: string | undefined } | null;
  readonly webhooks: NonNullable<BotConfig['webhooks']>;
  /** `maxBytes` null: the bot's default (25 MiB). */
  readonly media: { readonly maxBytes: number | null };
  readonly durability: 'process' | 'power';
  /** The engine's options (outbox, safety governor, skipOlderThanMs, sync timers), as the Bot takes them. */
  readonly engine: EngineSettings;
  /** `'dry-run'` from the config's `mode` or the `--dry-run` flag. */
  readonly mode: 'live' | 'dry-run';
  /** Which layer supplied each layered value, by dotted path (`home`, `login.mode`, ...). */
  readonly sources: Readonly<Record<Exclude<LayeredKey, EngineLayeredKey>, ConfigSource> & Partial<Record<EngineLayeredKey, ConfigSource>>>;
}

/** The values that flags and environment variables can set. */
export type LayeredKey = 'home' | 'endpoint' | 'proxy' | 'login.mode' | 'login.resume' | 'log.level' | 'log.pretty' | EngineLayeredKey;

/** The engine's values flags and environment variables can set (layers-engine.ts). */
export type EngineLayeredKey = 'skipOlderThanMs' | 'outbox.limits' | 'outbox.timeZone' | 'outbox.quietHours';

/** `--quiet-hours 23:00-07:00` (or `off`): the window of outbox.quietHours. */
export type QuietHoursValue = QuietWindow | false;

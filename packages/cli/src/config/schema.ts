import { z } from 'zod';
import { isPluginEntry } from './plugin-shape';
import { ENGINE_KNOWN_KEYS, engineShape } from './schema-engine';
import type { BotConfig, LoginMode, LogLevel, PluginEntry } from './types';

// Each schema carries its own "expected ..." text as the zod message, because format-issues.ts puts
// that text verbatim into `<file>: <path>: expected <message>, got <value>`.

/** Accepted log levels, most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const satisfies readonly LogLevel[];
/** Accepted values of `mode`. */
export const BOT_MODES = ['live', 'dry-run'] as const;
/** Accepted login modes. */
export const LOGIN_MODES = ['web', 'desktop'] as const satisfies readonly LoginMode[];

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { message: values.map((value) => JSON.stringify(value)).join(' | ') });

const integer = (min: number) => {
  const message = `an integer >= ${min}`;
  return z.number({ message }).int({ message }).min(min, { message });
};

const boolean = z.boolean({ message: 'true or false' });

const protocolOf = (value: string): string | undefined => {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
};
// The override speaks plain HTTP to one address (a simulator, a recording proxy); TLS to it is
// not supported, so an https:// endpoint is refused here rather than failing at the first request.
const ENDPOINT_URL = 'a plain http://HOST:PORT address such as "http://127.0.0.1:8080" (https:// endpoints are not supported)';
const PROXY_URL = 'a proxy URL such as "http://127.0.0.1:3128" (http:// or https://)';
const STORE_URL = 'a Redis URL such as "redis://127.0.0.1:6379/0" (redis://, rediss://, redis+sentinel://, redis-cluster://)';
// Sentinel and Cluster URLs list several hosts (`h1:26379,h2:26379`), which URL() refuses: the
// scheme is checked here, the rest by @wxbot/store-redis (WXBOT_STORE_URL) when it connects.
const REDIS_SCHEME = /^rediss?(\+sentinel|-cluster)?:\/\/[^\s]+$/i;
const ACCOUNT_NAME = 'an account name of 1-64 letters, digits, ".", "_" or "-"';
const HTTP_URL = 'an http:// or https:// URL such as "http://127.0.0.1:8080"';
const isHttpUrl = (value: string): boolean => ['http:', 'https:'].includes(protocolOf(value) ?? '');

/** Validators for the values flags and environment variables can also set. */
export const fieldSchemas = {
  home: z.string({ message: 'a directory path' }).min(1, { message: 'a non-empty directory path' }),
  endpoint: z.string({ message: ENDPOINT_URL }).refine((value) => protocolOf(value) === 'http:', { message: ENDPOINT_URL }),
  proxy: z.string({ message: PROXY_URL }).refine((value) => ['http:', 'https:'].includes(protocolOf(value) ?? ''), { message: PROXY_URL }),
  loginMode: oneOf(LOGIN_MODES),
  store: z.string({ message: STORE_URL }).refine((value) => REDIS_SCHEME.test(value) && (/^rediss?:/i.test(value) ? protocolOf(value) !== undefined : true), { message: STORE_URL }),
  account: z.string({ message: ACCOUNT_NAME }).regex(/^[A-Za-z0-9._-]{1,64}$/, { message: ACCOUNT_NAME }),
  logLevel: oneOf(LOG_LEVELS),
  boolean,
};

const PLUGIN_ENTRY =
  'a plugin (from definePlugin), a package name or path, [name, options] or { use: name, options }';

const loginSchema = z
  .object({
    mode: fieldSchemas.loginMode.optional(),
    qrRetries: integer(0).optional(),
    resume: boolean.optional(),
    pushLogin: boolean.optional(),
    extspam: z.string({ message: 'the extspam header value (a base64 string)' }).min(1, { message: 'a non-empty extspam value' }).optional(),
  })
  .strict();
const logSchema = z.object({ level: fieldSchemas.logLevel.optional(), pretty: boolean.optional(), messages: boolean.optional() }).strict();
const simSchema = z
  .object({
    scenario: z.string({ message: 'a scenario name' }).min(1, { message: 'a non-empty scenario name' }).optional(),
    longPollMs: integer(1).optional(),
  })
  .strict();

/** Event types a webhook can ask for (the same list as @wxbot/server's EVENT_TYPES; a test compares them). */
export const API_EVENT_TYPES = ['message', 'sent', 'state', 'qr', 'login', 'logout', 'error'] as const;

const apiSchema = z
  .object({
    port: integer(0).max(65535, { message: 'a port number from 0 (any free port) to 65535' }).optional(),
    host: z.string({ message: 'a host address such as "127.0.0.1"' }).min(1, { message: 'a non-empty host address' }).optional(),
    token: z.string({ message: 'a token of at least 16 characters' }).min(16, { message: 'a token of at least 16 characters' }).optional(),
  })
  .strict();
const webhookSchema = z
  .object({
    url: z.string({ message: HTTP_URL }).refine(isHttpUrl, { message: HTTP_URL }),
    events: z.array(oneOf(API_EVENT_TYPES), { message: 'an array of event types' }).optional(),
    secret: z.string({ message: 'a shared secret of at least 16 characters' }).min(16, { message: 'a shared secret of at least 16 characters' }),
  })
  .strict();
const mediaSchema = z.object({ maxBytes: integer(1).optional() }).strict();

const configObject = z
  .object({
    plugins: z
      .array(z.custom<PluginEntry>(isPluginEntry, { message: PLUGIN_ENTRY }), { message: 'an array of plugins' })
      .optional(),
    home: fieldSchemas.home.optional(),
    endpoint: fieldSchemas.endpoint.optional(),
    proxy: fieldSchemas.proxy.optional(),
    store: fieldSchemas.store.optional(),
    account: fieldSchemas.account.optional(),
    login: loginSchema.optional(),
    log: logSchema.optional(),
    sim: simSchema.optional(),
    handlerTimeoutMs: integer(1).optional(),
    stopTimeoutMs: integer(0).optional(),
    relogin: boolean.optional(),
    api: apiSchema.optional(),
    webhooks: z.array(webhookSchema, { message: 'an array of { url, events, secret }' }).optional(),
    media: mediaSchema.optional(),
    durability: oneOf(['process', 'power']).optional(),
    // The engine's options (outbox and safety governor, skipOlderThanMs, sync timers): schema-engine.ts.
    ...engineShape,
    // Dry run (docs/configuration.md#mode); canary lives on the plugin entries (resolve-plugins.ts).
    mode: oneOf(BOT_MODES).optional(),
  })
  .strict();

/** The shape of a config file. Strict: an unknown key is a typo until proven otherwise. */
export const botConfigSchema: z.ZodType<BotConfig, z.ZodTypeDef, unknown> = configObject;

/** Known option names per object path (`''` is the top level), for "unknown option" errors. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(configObject.shape),
  login: Object.keys(loginSchema.shape),
  log: Object.keys(logSchema.shape),
  sim: Object.keys(simSchema.shape),
  api: Object.keys(apiSchema.shape),
  media: Object.keys(mediaSchema.shape),
  ...ENGINE_KNOWN_KEYS,
};

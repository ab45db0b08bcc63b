import type { z } from 'zod';
import { expectedErrorMap, invalidConfig, toProblems, type ConfigProblem } from './format-issues';
import { ENGINE_ENV_VARS, ENGINE_FLAGS, ENGINE_SCHEMAS, engineFileEntries, type EngineFlags, type EngineLayer } from './layers-engine';
import { fieldSchemas } from './schema';
import type { BotConfig, LayeredKey, LoginMode, LogLevel } from './types';

/** The values one layer (flags, environment or file) sets; absent keys fall through to the next. */
export interface Layer extends EngineLayer {
  home?: string;
  endpoint?: string;
  proxy?: string;
  'login.mode'?: LoginMode;
  'login.resume'?: boolean;
  'log.level'?: LogLevel;
  'log.pretty'?: boolean;
}

/** Command-line flags that override the config (`wxbot start --log-level debug ...`). */
export interface ConfigFlags extends EngineFlags {
  /** `--home DIR` */
  home?: string | undefined;
  /** `--endpoint URL` */
  endpoint?: string | undefined;
  /** `--proxy URL` */
  proxy?: string | undefined;
  /** `--login-mode web|desktop` */
  loginMode?: string | undefined;
  /** `--resume` / `--no-resume` */
  resume?: boolean | undefined;
  /** `--log-level LEVEL` */
  logLevel?: string | undefined;
  /** `--pretty` / `--no-pretty` */
  pretty?: boolean | undefined;
  /** `--store URL`: read by loadConfig (storeConfig), not a layer. */
  store?: string | undefined;
  /** `--account NAME`: read by loadConfig (storeConfig), not a layer. */
  account?: string | undefined;
  /** `--api [PORT]`: a port, or `'default'` for a bare `--api` (api.port, else 8720). Read by loadConfig, not a layer. */
  api?: number | 'default' | undefined;
  /** `--dry-run`: `mode: 'dry-run'`. Read by loadConfig, not a layer. */
  dryRun?: boolean | undefined;
}

const SCHEMAS: Record<LayeredKey, z.ZodTypeAny> = {
  home: fieldSchemas.home,
  endpoint: fieldSchemas.endpoint,
  proxy: fieldSchemas.proxy,
  'login.mode': fieldSchemas.loginMode,
  'login.resume': fieldSchemas.boolean,
  'log.level': fieldSchemas.logLevel,
  'log.pretty': fieldSchemas.boolean,
  ...ENGINE_SCHEMAS,
};

/** Environment variables read, and the value each sets. */
export const ENV_VARS = {
  WXBOT_HOME: 'home',
  WXBOT_ENDPOINT: 'endpoint',
  WXBOT_LOGIN_MODE: 'login.mode',
  WXBOT_LOG_LEVEL: 'log.level',
  ...ENGINE_ENV_VARS,
} as const satisfies Record<string, LayeredKey>;

const FLAGS = {
  home: ['home', '--home'],
  endpoint: ['endpoint', '--endpoint'],
  proxy: ['proxy', '--proxy'],
  loginMode: ['login.mode', '--login-mode'],
  resume: ['login.resume', '--resume'],
  logLevel: ['log.level', '--log-level'],
  pretty: ['log.pretty', '--pretty'],
  ...ENGINE_FLAGS,
} as const satisfies Record<Exclude<keyof ConfigFlags, 'api' | 'dryRun' | 'store' | 'account'>, readonly [LayeredKey, string]>;

// Validates each value on its own so that every error names its own variable or flag, and
// collects all problems so one run shows them all.
function build(entries: ReadonlyArray<readonly [LayeredKey, unknown, string]>): Layer {
  const layer: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, value, source] of entries) {
    const result = SCHEMAS[key].safeParse(value, { errorMap: expectedErrorMap });
    if (result.success) layer[key] = result.data;
    else problems.push(...toProblems(source, result.error, value));
  }
  if (problems.length) throw invalidConfig(problems);
  return layer as Layer;
}

/**
 * Reads the `WXBOT_*` variables. Empty values count as unset; level and mode are case-insensitive.
 * @example
 * envLayer({ WXBOT_LOG_LEVEL: 'debug' }); // { 'log.level': 'debug' }
 */
export function envLayer(env: Readonly<Record<string, string | undefined>>): Layer {
  return build(
    Object.entries(ENV_VARS).flatMap(([name, key]) => {
      const raw = env[name]?.trim();
      if (!raw) return [];
      const value = key === 'login.mode' || key === 'log.level' ? raw.toLowerCase() : raw;
      return [[key, value, `environment variable ${name}`] as const];
    }),
  );
}

/**
 * Reads the command-line flags; `undefined` means "not given".
 * @example
 * flagLayer({ logLevel: 'trace', pretty: false }); // { 'log.level': 'trace', 'log.pretty': false }
 */
export function flagLayer(flags: ConfigFlags): Layer {
  return build(
    Object.entries(FLAGS).flatMap(([name, [key, flag]]) => {
      const value = flags[name as keyof typeof FLAGS];
      return value === undefined ? [] : [[key, value, `flag ${flag}`] as const];
    }),
  );
}

/** The layered values a validated config file sets. */
export function fileLayer(config: BotConfig): Layer {
  const entries: Array<[LayeredKey, unknown]> = [
    ['home', config.home],
    ['endpoint', config.endpoint],
    ['proxy', config.proxy],
    ['login.mode', config.login?.mode],
    ['login.resume', config.login?.resume],
    ['log.level', config.log?.level],
    ['log.pretty', config.log?.pretty],
    ...engineFileEntries(config),
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as Layer;
}

import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { WxbotError } from '@wxbot/core';
import { findConfig } from './find-config';
import { displayPath, expectedErrorMap, invalidConfig, toProblems, type ConfigProblem } from './format-issues';
import { engineSettings } from './engine-config';
import { envLayer, fileLayer, flagLayer, type ConfigFlags, type Layer } from './layers';
import { botConfigSchema } from './schema';
import { storeConfig } from './store-config';
import type { BotConfig, ConfigSource, LayeredKey, ResolvedConfig } from './types';

/** Inputs of {@link loadConfig}; everything defaults to the current process. */
export interface LoadConfigOptions {
  /** Where the search starts and relative flag/env paths are resolved from. Default `process.cwd()`. */
  cwd?: string;
  /** `--config FILE`: use exactly this file (relative to `cwd`); missing is an error. */
  configPath?: string | undefined;
  flags?: ConfigFlags;
  /** Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (default for `log.pretty`). Default `process.stdout.isTTY`. */
  isTTY?: boolean;
}

const DEFAULTS = { home: './.wxbot', qrRetries: 5, handlerTimeoutMs: 30_000, stopTimeoutMs: 10_000, apiPort: 8720, apiHost: '127.0.0.1' } as const;

const expandHome = (path: string): string => (path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path);

// Runs every layer's validation before failing, so one run reports the file's, the
// environment's and the flags' problems together.
function collect<T>(problems: ConfigProblem[], read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    const found = error instanceof WxbotError ? (error.details as { problems?: ConfigProblem[] }).problems : undefined;
    if (!found) throw error;
    problems.push(...found);
    return fallback;
  }
}

function parseFile(raw: unknown, source: string): BotConfig {
  const result = botConfigSchema.safeParse(raw, { errorMap: expectedErrorMap });
  if (!result.success) throw invalidConfig(toProblems(source, result.error, raw));
  return result.data;
}

// The control API is on when the file has `api` or the flag `--api` is given; the flag's port wins,
// and WXBOT_API_TOKEN wins over the file's token (a secret is better kept out of the file).
function apiConfig(file: BotConfig, flag: number | 'default' | undefined, env: Readonly<Record<string, string | undefined>>): ResolvedConfig['api'] {
  if (!file.api && flag === undefined) return null;
  const envToken = env['WXBOT_API_TOKEN']?.trim();
  if (envToken !== undefined && envToken !== '' && envToken.length < 16) {
    throw invalidConfig([{ source: 'environment variable WXBOT_API_TOKEN', path: '', expected: 'a token of at least 16 characters', got: `${envToken.length} characters` }]);
  }
  return {
    port: typeof flag === 'number' ? flag : (file.api?.port ?? DEFAULTS.apiPort),
    host: file.api?.host ?? DEFAULTS.apiHost,
    token: envToken || file.api?.token,
  };
}

/**
 * Finds, loads, validates and merges the configuration. Precedence for each value:
 * flags > environment (`WXBOT_HOME`, `WXBOT_ENDPOINT`, `WXBOT_LOGIN_MODE`, `WXBOT_LOG_LEVEL`) >
 * config file > defaults. No config file is fine (`configFile: null`); an invalid one throws
 * `WXBOT_CONFIG_INVALID` listing every problem as `<file>: <path>: expected <x>, got <y>`.
 * @example
 * const config = await loadConfig({ flags: { logLevel: 'debug' } });
 * config.login.mode; // 'web' unless set somewhere
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const found = await findConfig({ cwd, configPath: options.configPath }).catch((error: unknown) => {
    if (error instanceof WxbotError) throw error;
    const { filepath, message } = error as { filepath?: string; message?: string };
    const where = filepath ? displayPath(filepath, cwd) : (options.configPath ?? 'config');
    throw new WxbotError('WXBOT_CONFIG_INVALID', `${where}: could not load: ${message ?? String(error)}`, { path: filepath }, { cause: error });
  });
  const problems: ConfigProblem[] = [];
  const file = found ? collect(problems, () => parseFile(found.config, displayPath(found.filepath, cwd)), {}) : {};
  const env = collect(problems, () => envLayer(options.env ?? process.env), {});
  const flags = collect(problems, () => flagLayer(options.flags ?? {}), {});
  if (problems.length) throw invalidConfig(problems);
  const configDir = found ? dirname(found.filepath) : cwd;

  const sources = {} as Record<LayeredKey, ConfigSource>;
  const layers: ReadonlyArray<readonly [ConfigSource, Layer]> = [['flag', flags], ['env', env], ['file', fileLayer(file)]];
  const pick = <K extends LayeredKey>(key: K, fallback: NonNullable<Layer[K]>): NonNullable<Layer[K]> => {
    for (const [source, layer] of layers) {
      const value = layer[key];
      if (value !== undefined) {
        sources[key] = source;
        return value;
      }
    }
    sources[key] = 'default';
    return fallback;
  };

  // A layered value without a default (the engine's: absent means the Bot's own default).
  const pickOptional = <K extends LayeredKey>(key: K): Layer[K] | undefined => {
    for (const [source, layer] of layers) {
      if (layer[key] !== undefined) {
        sources[key] = source;
        return layer[key];
      }
    }
    // Left out of `sources` (absent means the default), so the core keys' table stays as it was.
    return undefined;
  };

  const home = pick('home', DEFAULTS.home);
  const endpoint = pick('endpoint', '');
  const proxy = pick('proxy', '');
  return {
    configFile: found?.filepath ?? null,
    configDir,
    cwd,
    plugins: file.plugins ?? [],
    // A home written in the file is relative to the file, so running from a subdirectory finds
    // the same session; flags, env and the default are relative to where the command runs.
    home: resolve(sources.home === 'file' ? configDir : cwd, expandHome(home)),
    endpoint: endpoint ? endpoint.replace(/\/+$/, '') : null,
    proxy: proxy || null,
    store: storeConfig(file, options.flags ?? {}, options.env ?? process.env),
    login: {
      mode: pick('login.mode', 'web'),
      qrRetries: file.login?.qrRetries ?? DEFAULTS.qrRetries,
      resume: pick('login.resume', true),
      pushLogin: file.login?.pushLogin ?? true,
      ...(file.login?.extspam ? { extspam: file.login.extspam } : {}),
    },
    log: { level: pick('log.level', 'info'), pretty: pick('log.pretty', options.isTTY ?? process.stdout.isTTY === true), messages: file.log?.messages ?? true },
    sim: { scenario: file.sim?.scenario ?? null, longPollMs: file.sim?.longPollMs ?? null },
    handlerTimeoutMs: file.handlerTimeoutMs ?? DEFAULTS.handlerTimeoutMs,
    stopTimeoutMs: file.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs,
    relogin: file.relogin ?? true,
    api: apiConfig(file, options.flags?.api, options.env ?? process.env),
    webhooks: file.webhooks ?? [],
    media: { maxBytes: file.media?.maxBytes ?? null },
    durability: file.durability ?? 'process',
    engine: engineSettings(file, (key) => pickOptional(key)),
    mode: options.flags?.dryRun === true ? 'dry-run' : (file.mode ?? 'live'),
    sources,
  };
}

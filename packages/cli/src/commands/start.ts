import path from 'node:path';
import { Bot, type BotOptions } from '@wxbot/core';
import type { Simulator } from '@wxbot/simulator';
import type { Logger } from 'pino';
import { loadConfig, resolvePlugins, type ResolvedConfig } from '../config';
import { releaseTypeScript } from '../config/ts-require';
import { createLogger } from '../logging';
import { renderQr } from '../qr';
import { parseStartArgs, type StartArgs } from './args';
import { CliError } from './cli-error';
import { describeFailure, isProtocolFailure } from './fatal-error';
import { simScenario } from './sim-scenario';
import { watchPlugins, type PluginWatcher } from './watch';
import { prepareApi, type ApiHandle } from './start-api';
import { openStartStore } from './start-store';

/** What a running `wxbot start` holds, so tests and signal handlers can stop it. */
export interface StartedBot {
  bot: Bot;
  sim: Simulator | undefined;
  config: ResolvedConfig;
  args: StartArgs;
  /** Set with --watch. */
  watcher: PluginWatcher | undefined;
  /** The control API (`api` in the config or `--api`). */
  api: ApiHandle | undefined;
  stop(): Promise<void>;
}

export interface StartIo {
  /** Where the QR and the simulator line go. Default process.stdout. */
  write(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
}

/** What `wxbot record` adds to a start: more bot options, and a look at the bot before it starts. */
export interface StartHooks {
  botOptions?: Partial<BotOptions>;
  beforeStart?(bot: Bot): void;
}

const defaultIo = (): StartIo => ({ write: (t) => process.stdout.write(t), cwd: process.cwd(), env: process.env });

/** The Bot's options from a resolved config (exported for config-parity.test.ts). */
export function botOptions(config: ResolvedConfig, logger: Logger, endpoint: string | null, home: string): BotOptions {
  return {
    ...config.engine,
    home,
    ...(endpoint ? { endpoint } : {}),
    ...(config.proxy ? { proxy: config.proxy } : {}),
    login: config.login,
    logger,
    handlerTimeoutMs: config.handlerTimeoutMs,
    durability: config.durability,
    stopTimeoutMs: config.stopTimeoutMs,
    relogin: config.relogin,
    ...(config.media.maxBytes !== null ? { media: { maxBytes: config.media.maxBytes } } : {}),
    mode: config.mode,
    logMessages: config.log.messages,
  };
}

/**
 * `wxbot start`: load the config, set up the plugins, log in (QR in the terminal) and run.
 * With `--sim`, a simulator starts in this process (demo scenario, or `sim.scenario`), confirms the login
 * by itself, and prints `webwx simulator listening on http://127.0.0.1:PORT` for its control API.
 */
export async function start(argv: readonly string[], io: StartIo = defaultIo(), hooks: StartHooks = {}): Promise<StartedBot> {
  const args = parseStartArgs(argv);
  const config = await loadConfig({ cwd: io.cwd, configPath: args.configPath, flags: args.flags, env: io.env });
  // In a terminal chat, info lines would drown the conversation: warnings only, unless asked.
  const level = args.chat && config.sources['log.level'] === 'default' ? 'warn' : config.log.level;
  const logger = io.logger ?? createLogger({ level, pretty: config.log.pretty });
  logger.info({ configFile: config.configFile ?? '(none: defaults)' }, 'configuration loaded');
  const plugins = await resolvePlugins(config.plugins, { configDir: config.configDir, cwd: config.cwd, configFile: config.configFile });
  // Config and plugins are loaded: the TypeScript compiler is dead weight from here on (--watch
  // recompiles, so it keeps it).
  if (!args.watch) releaseTypeScript();

  // A Redis store (store / --store / WXBOT_STORE): connected and the account's lease taken first,
  // so a store that cannot be used fails before anything else starts.
  const redisStore = await openStartStore(config, logger);
  let sim: Simulator | undefined;
  let endpoint = config.endpoint;
  // A simulated session is kept apart from a real one so neither overwrites the other.
  let home = config.home;
  if (args.sim) {
    // Loaded here, not at the top: a bot on the real servers never needs the simulator in memory.
    const { startSimulator } = require('@wxbot/simulator') as typeof import('@wxbot/simulator');
    const scenario = simScenario(config);
    sim = await startSimulator({ autoConfirm: true, ...(scenario ? { scenario } : {}), ...(config.sim.longPollMs ? { longPollMs: config.sim.longPollMs } : {}) });
    io.write(`webwx simulator listening on ${sim.url}\n`);
    endpoint = sim.url;
    home = path.join(config.home, 'sim');
    logger.info({ home }, `simulator: state (plugin storage) kept in ${home}, apart from a real session; each run logs in afresh`);
  }

  const prepared = config.api ? await prepareApi({ api: config.api, webhooks: config.webhooks, plugins: () => plugins.map((p) => p.definition.name), write: io.write, logger }) : undefined;
  const options = botOptions(config, logger, endpoint, home);
  // A simulator started just now has no session: resuming or push login cannot work against it.
  if (args.sim) options.login = { ...options.login, resume: false, pushLogin: false };
  // Plugin storage goes with the account too (the `plugins` section), not to files in this machine's home.
  if (redisStore) Object.assign(options, { store: redisStore.store, pluginStorage: 'store', mediaStash: redisStore.media });
  const bot = new Bot({ ...options, ...hooks.botOptions, plugins: prepared ? [prepared.timingPlugin, ...plugins] : plugins });
  hooks.beforeStart?.(bot);
  bot.on('qr', ({ uuid, url }) => {
    if (args.chat) return; // the simulated phone confirms by itself; keep the chat screen clean
    void renderQr(uuid).then((qr) => io.write(`\nScan with WeChat on your phone to log in:\n${qr}${url}\n\n`));
  });
  bot.on('scan', () => logger.info('QR code scanned; confirm the login on your phone'));
  bot.on('progress', ({ step, detail }) => logger.info(detail ? { step, ...detail } : { step }, `login: ${step}`));
  bot.on('login', ({ self, method }) => logger.info({ method, name: self.name }, `logged in as ${self.name}; plugins: ${plugins.map((p) => p.definition.name).join(', ') || 'none'}`));
  bot.on('error', (err) => logger.error({ err }, err.message));
  if (config.mode === 'dry-run') logger.warn('dry-run: nothing will be sent; every reply is logged and listed by GET /api/dry-run');

  let watcher: PluginWatcher | undefined;
  let api: ApiHandle | undefined;
  const stop = async (): Promise<void> => {
    await watcher?.close();
    await bot.stop();
    await api?.close();
    await sim?.close();
    await redisStore?.release();
  };
  // Another worker took the account: nothing this worker does can be recorded any more.
  redisStore?.onLost(() => void bot.stop().catch(() => undefined));
  if (redisStore) bot.on('state', (state) => redisStore.reportState(state));
  try {
    // Before the login, so the first QR already reaches the console.
    if (prepared) api = await prepared.start(bot, redisStore?.store);
    await bot.start();
  } catch (err) {
    await api?.close();
    await sim?.close();
    await redisStore?.release().catch(() => undefined);
    // A login that failed for good (refused, network down after the retries) is an outcome a
    // newcomer meets, not a bug: one coded paragraph with the fix, no stack trace.
    if (isProtocolFailure(err)) throw new CliError(describeFailure(err, { loginMode: config.login.mode, endpoint }).replace(/^wxbot: /, '').trimEnd(), { cause: err });
    throw err;
  }
  if (args.watch) {
    watcher = watchPlugins({ bot, config, load: { cwd: io.cwd, configPath: args.configPath, flags: args.flags, env: io.env }, logger, write: io.write });
    await watcher.ready;
    io.write(`[wxbot] watching ${config.configFile ?? 'the plugins'} and the local plugin files for changes\n`);
  }
  return { bot, sim, config, args, watcher, api, stop };
}

import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bot } from '@wxbot/core';
import type { Simulator } from '@wxbot/simulator';
import type { Logger } from 'pino';
import { loadConfig, resolvePlugins } from '../config';
import { FileFleetStore } from '../fleet/file-fleet-store';
import type { FleetStore } from '../fleet/fleet-store';
import { FleetSupervisor } from '../fleet/fleet-supervisor';
import { createLogger } from '../logging';
import { renderQr } from '../qr';
import { UsageError, apiFlag, withApiValue } from './args';
import { startFleetApi, type FleetApi } from './fleet-api';
import { botOptions, type StartIo } from './start';

export const FLEET_USAGE = `Usage: wxbot fleet --store DIR|redis://HOST:PORT/DB [options]

  --store DIR          the fleet's accounts: one directory per account (its session and plugin storage)
                       and its lease; several wxbot fleet processes on this machine may share it
  --store redis://…    the accounts of wxbot accounts add, their leases and state in Redis: workers on
                       any number of machines share them (docs/scaling.md)
  --add NAMES          register these accounts (comma-separated, e.g. sales-1,sales-2) before running
  --max-accounts N     most accounts this worker runs at once (default 100)
  --owner NAME         this worker's name in the leases (default HOST:PID)
  --lease-ttl MS       a dead worker's accounts are taken over this long after it stops renewing (default 15000)
  --config FILE        plugins and bot options, as wxbot start (each account gets its own plugin instances)
  --endpoint URL       send all requests to http://HOST:PORT (env WXBOT_ENDPOINT)
  --sim N              run against a built-in simulator serving N accounts (confirms QR logins by itself)
  --log-level LEVEL    trace | debug | info | warn | error | fatal | silent (env WXBOT_LOG_LEVEL)
  --api [PORT]         serve the control API, web console and metrics of the accounts here (default port:
                       api.port, else 8720; 0 = any free port; token: env WXBOT_API_TOKEN, api.token, or
                       api-token in the --store directory, else in home)`;

/** A running `wxbot fleet`. */
export interface RunningFleet {
  supervisor: FleetSupervisor;
  /** The control server (`api` in the config or `--api`), serving every account this worker holds. */
  api: FleetApi | undefined;
  /** A FileFleetStore (a directory) or a RedisFleetStore. */
  store: FleetStore & { readonly location?: string; readonly dir?: string };
  sim: Simulator | undefined;
  stop(): Promise<void>;
}

function positive(value: string | undefined, flag: string, def: number): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** The options of `wxbot fleet` (exported for the doc test that checks FLEET_USAGE lists them all). */
export function parseFleetArgs(argv: readonly string[]) {
  let v;
  try {
    v = parseArgs({
      args: withApiValue(argv),
      options: {
        store: { type: 'string' },
        add: { type: 'string' },
        'max-accounts': { type: 'string' },
        owner: { type: 'string' },
        'lease-ttl': { type: 'string' },
        config: { type: 'string' },
        endpoint: { type: 'string' },
        sim: { type: 'string' },
        'log-level': { type: 'string' },
        api: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!v.store) throw new UsageError('wxbot fleet needs --store DIR (the directory that holds the accounts)');
  return {
    store: v.store,
    add: (v.add ?? '').split(',').filter((n) => n !== ''),
    maxAccounts: positive(v['max-accounts'], '--max-accounts', 100),
    owner: v.owner ?? `${os.hostname()}:${process.pid}`,
    ttlMs: positive(v['lease-ttl'], '--lease-ttl', 15_000),
    configPath: v.config,
    sim: v.sim === undefined ? undefined : positive(v.sim, '--sim', 1),
    flags: { endpoint: v.endpoint, logLevel: v['log-level'], api: apiFlag(v.api) },
  };
}

/**
 * `wxbot fleet`: many accounts in this process, a Bot each (the loaded code shared; its own HTTP
 * agents, timers and plugin instances), claimed from `--store` up to `--max-accounts`; an
 * account whose worker dies is taken over by another once its lease expires. An account that
 * needs a QR login prints it on this worker's console, named, and, with `--api`, shows it in the
 * control API, web console and webhooks of this worker.
 */
export async function fleet(argv: readonly string[], io: StartIo): Promise<RunningFleet> {
  const args = parseFleetArgs(argv);
  const config = await loadConfig({ cwd: io.cwd, configPath: args.configPath, flags: args.flags, env: io.env });
  const logger: Logger = io.logger ?? createLogger({ level: config.log.level, pretty: config.log.pretty });
  const opened = await openFleetStore(args.store, io.cwd, config.configFile ?? undefined, logger);
  const { store } = opened;
  for (const name of args.add) await store.register(name).catch((err: Error) => Promise.reject(new UsageError(`--add: ${err.message}`)));

  let sim: Simulator | undefined;
  if (args.sim !== undefined) {
    const { startSimulator } = require('@wxbot/simulator') as typeof import('@wxbot/simulator');
    sim = await startSimulator({ accounts: args.sim, autoConfirm: true });
    io.write(`webwx simulator listening on ${sim.url} (${args.sim} accounts)\n`);
  }

  // Started before the first claim, so the first QR of every account reaches it.
  const api = config.api
    ? await startFleetApi({ api: config.api, webhooks: config.webhooks, tokenHome: opened.dir ?? config.home, worker: args.owner, store, write: io.write, logger }).catch(async (err: unknown) => {
        await opened.close();
        await sim?.close();
        throw err;
      })
    : undefined;

  const accountConfigs = new Map<string, ReturnType<typeof loadConfig>>();
  const accountConfig = (file: string): ReturnType<typeof loadConfig> => {
    let loaded = accountConfigs.get(file);
    if (!loaded) {
      loaded = loadConfig({ cwd: io.cwd, configPath: file, flags: args.flags, env: io.env });
      // A file that failed (missing on this worker, invalid) is read again at the next attempt.
      loaded.catch(() => accountConfigs.delete(file));
      accountConfigs.set(file, loaded);
    }
    return loaded;
  };
  const supervisor = new FleetSupervisor({
    store,
    owner: args.owner,
    maxAccounts: args.maxAccounts,
    ttlMs: args.ttlMs,
    // The heartbeat names this worker's control API: other workers' `/api/accounts` and
    // WXBOT_API_ACCOUNT_NOT_HERE point there, and `wxbot accounts list` shows it.
    worker: () => (api ? { url: api.url } : {}),
    createBot: async (account, claim) => {
      const log = logger.child({ account });
      // An account added with its own config (`wxbot accounts add --config`) runs with it; the
      // flags and the environment still apply, as for the worker's own config.
      const own = claim.config !== undefined && path.resolve(io.cwd, claim.config) !== config.configFile ? await accountConfig(claim.config) : config;
      // Per account: the plugin factories run again (own instances), the modules are shared.
      const plugins = await resolvePlugins(own.plugins, { configDir: own.configDir, cwd: own.cwd, configFile: own.configFile });
      // With the API: first in the list, it times the account's plugins for /metrics.
      const handlerTimer = api?.handlerTimer(account);
      // The options of `wxbot start` (engine: outbox, governor; durability, media, mode), per account.
      const bot = new Bot({
        ...botOptions(own, log, sim ? sim.url : own.endpoint, claim.home),
        // A store of its own (Redis): plugin storage and queued media go with the account too.
        ...(claim.store ? { store: claim.store, pluginStorage: 'store' as const } : {}),
        ...(claim.media ? { mediaStash: claim.media } : {}),
        plugins: handlerTimer ? [handlerTimer, ...plugins] : plugins,
      });
      bot.on('qr', ({ uuid, url }) => void renderQr(uuid).then((qr) => io.write(`\n[${account}] scan with WeChat on the phone of account "${account}" to log in:\n${qr}${url}\n\n`)));
      bot.on('login', ({ self, method }) => log.info({ method, name: self.name }, `${account}: logged in as ${self.name}`));
      bot.on('error', (err) => log.error({ err }, err.message));
      if (claim.reportState) bot.on('state', (state) => claim.reportState?.(state));
      return api ? api.serve(account, bot, { store: claim.store, plugins: () => plugins.map((p) => p.definition.name) }) : bot;
    },
    onEvent: (e) => {
      if (e.type === 'failed' || e.type === 'lost') logger.warn({ account: e.account, err: e.error }, `${e.account}: ${e.type}: ${e.error.message}`);
      else if (e.type === 'ended') logger.warn({ account: e.account }, `${e.account}: ended: its bot stopped by itself (logged out); the account is released and claimed again, with a QR, after a minute`);
      else logger.info({ account: e.account }, `${e.account}: ${e.type}`);
    },
  });
  await supervisor.start();
  logger.info({ store: opened.where, owner: args.owner, maxAccounts: args.maxAccounts }, `fleet worker ${args.owner}: up to ${args.maxAccounts} accounts from ${opened.where}`);
  return {
    supervisor,
    api,
    store,
    sim,
    stop: async () => {
      await supervisor.stop();
      await api?.close();
      await opened.close();
      await sim?.close();
    },
  };
}

/**
 * The fleet store `--store` names: a Redis URL (`@wxbot/store-redis` and ioredis are loaded only
 * then, as for `wxbot start --store`), else a directory.
 */
async function openFleetStore(where: string, cwd: string, configFile: string | undefined, logger: Logger): Promise<{ store: RunningFleet['store']; where: string; dir?: string; close(): Promise<void> }> {
  if (!/^rediss?(\+sentinel|-cluster)?:\/\//i.test(where)) {
    const store = new FileFleetStore(path.resolve(cwd, where));
    return { store, where: store.dir, dir: store.dir, close: async () => undefined };
  }
  const { connectRedis } = require('@wxbot/store-redis') as typeof import('@wxbot/store-redis');
  const { RedisFleetStore } = require('../fleet/redis-fleet-store') as typeof import('../fleet/redis-fleet-store');
  const redis = await connectRedis(where);
  const store = new RedisFleetStore(redis, { url: where, ...(configFile ? { config: configFile } : {}), onError: (err) => logger.warn({ err }, err.message) });
  return {
    store,
    where: store.location,
    close: async () => {
      await store.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** `wxbot fleet` from the command line: runs until SIGINT/SIGTERM, then stops every bot and gives their accounts back. */
export async function runFleet(argv: readonly string[], io: StartIo): Promise<number> {
  const running = await fleet(argv, io);
  await new Promise<void>((resolve) => {
    const stop = (): void => void running.stop().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

import type { Bot, PluginEntry, StateStore } from '@wxbot/core';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config';
import type { FleetStore } from '../fleet/fleet-store';
import type { FleetBot } from '../fleet/fleet-supervisor';
import { CliError } from './cli-error';

/** The control server of a `wxbot fleet` worker, as the command holds it. */
export interface FleetApi {
  readonly url: string;
  /**
   * Serves `bot` at `/api/accounts/ACCOUNT/...` now (so its first QR reaches the API, the console
   * and the webhooks) and returns the bot the supervisor runs: stopping it, or a failed start,
   * takes the account off the API.
   */
  serve(account: string, bot: Bot, options: { store?: StateStore | undefined; plugins: () => readonly string[] }): Promise<FleetBot>;
  /**
   * The plugin that times `account`'s handlers for `/metrics` (`wxbot_handler_seconds{account}`):
   * put it first in the plugins of the bot then given to `serve`.
   */
  handlerTimer(account: string): PluginEntry;
  close(): Promise<void>;
}

/**
 * Starts `@wxbot/server`'s fleet control server (loaded only when the API is asked for). Prints
 * `control API listening on http://HOST:PORT` and the console URL as `wxbot start` does: with the
 * token once, when it was just generated into `<tokenHome>/api-token` (0600); never logs it.
 */
export async function startFleetApi(options: {
  api: NonNullable<ResolvedConfig['api']>;
  webhooks: ResolvedConfig['webhooks'];
  /** Where the generated token is kept: the fleet directory, or the config's home for a Redis fleet. */
  tokenHome: string;
  worker: string;
  store: FleetStore;
  write(text: string): void;
  logger: Logger;
}): Promise<FleetApi> {
  const { startFleetControlServer, ServerError, HandlerTimer } = await import('@wxbot/server');
  const { store } = options;
  let server: Awaited<ReturnType<typeof startFleetControlServer>>;
  try {
    server = await startFleetControlServer({
      home: options.tokenHome,
      port: options.api.port,
      host: options.api.host,
      token: options.api.token,
      webhooks: options.webhooks,
      worker: options.worker,
      logger: options.logger,
      // Every registered account, its worker and that worker's control API (its heartbeat), from the fleet store.
      accounts: async () => {
        const [registered, holders, workers] = await Promise.all([store.list(), store.holders(), store.workers()]);
        const urls = new Map(workers.flatMap((w) => (w.url ? [[w.owner, w.url] as const] : [])));
        return registered.map((account) => {
          const worker = holders.get(account);
          const url = worker === undefined ? undefined : urls.get(worker);
          return { account, worker, ...(url ? { url } : {}) };
        });
      },
    });
  } catch (err) {
    if (err instanceof ServerError) throw new CliError(`${err.message} [${err.code}]`);
    throw err;
  }
  // Made by handlerTimer(account), taken by the serve() of that account's bot.
  const timers = new Map<string, InstanceType<typeof HandlerTimer>>();
  options.write(`control API listening on ${server.url}\n`);
  if (server.token.source === 'generated') options.write(`web console (the token is saved in ${options.tokenHome}/api-token): ${server.consoleUrl}\n`);
  else options.write(`web console: ${server.url}/ (token: ${server.token.source === 'stored' ? `${options.tokenHome}/api-token` : 'api.token or WXBOT_API_TOKEN'})\n`);

  return {
    url: server.url,
    async serve(account, bot, serveOptions) {
      const handlerTimer = timers.get(account);
      timers.delete(account);
      await server.attach(account, bot, { store: serveOptions.store, plugins: serveOptions.plugins, handlerTimer });
      return {
        // What the supervisor reads of the bot: its state (a hand-over never picks one mid-login;
        // one that stopped by itself is released) and its queued sends.
        get state() {
          return bot.state;
        },
        get outbox() {
          return bot.outbox;
        },
        start: () =>
          bot.start().catch(async (err: unknown) => {
            await server.detach(account, bot);
            throw err;
          }),
        async stop() {
          try {
            await bot.stop();
          } finally {
            await server.detach(account, bot);
          }
        },
      };
    },
    handlerTimer(account) {
      const timer = new HandlerTimer();
      timers.set(account, timer);
      return timer.plugin;
    },
    close: () => server.close(),
  };
}

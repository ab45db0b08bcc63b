import type { Bot, StateStore } from '@wxbot/core';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { createApp, finishApp } from './app';
import { openBotContext } from './bot-context';
import { ACCOUNT_PREFIX, FleetAccounts, type AttachedAccount, type FleetAccountLister } from './fleet-accounts';
import { FleetHub } from './fleet-hub';
import type { HandlerTimer } from './handler-timer';
import { createMetrics, metricsRoute } from './metrics';
import { QrRenderer } from './qr-image';
import { accountRoutes } from './routes/accounts';
import { botRoutes } from './routes/bot-routes';
import { fleetEventRoutes } from './routes/fleet-events';
import { resolveToken, type ResolvedToken } from './token';
import type { WebhookConfig } from './webhooks';

/** Options of {@link startFleetControlServer}. */
export interface FleetControlServerOptions {
  /** Where the generated token is kept (`<home>/api-token`, 0600) when none is configured. */
  home: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. Any other address needs an explicit `token`. */
  host?: string;
  token?: string | undefined;
  /** Each account's events go to every webhook, the payload naming the account. */
  webhooks?: readonly WebhookConfig[];
  /** This worker's name, as in the leases (shown in `GET /api/accounts`). */
  worker?: string;
  /** Every registered account and its holder: `GET /api/accounts` lists them, and a request for one not here names its worker. */
  accounts?: FleetAccountLister;
  bodyLimit?: number;
  logger?: Logger;
}

/** What an account brings when attached. */
export interface AttachOptions {
  /** The account's state store: its webhook deliveries wait there and move with it. Default: a file in the bot's home. */
  store?: StateStore | undefined;
  /** Names shown in the console's plugin list. */
  plugins?: () => readonly string[];
  /**
   * The account's handler timer, its plugin first in the bot's list: `/metrics` shows its
   * `wxbot_handler_seconds{account}`.
   * @example
   * const timer = new HandlerTimer();
   * const bot = new Bot({ plugins: [timer.plugin, ...plugins] });
   * await server.attach('sales-1', bot, { handlerTimer: timer });
   */
  handlerTimer?: HandlerTimer | undefined;
}

/** A listening fleet control server. */
export interface FleetControlServer {
  readonly url: string;
  readonly token: ResolvedToken;
  /** The console with the token in the fragment (never sent to the server, so never logged). */
  readonly consoleUrl: string;
  readonly app: FastifyInstance;
  /** Serves `account` at `/api/accounts/:account/...` (replacing a bot attached before under that name). Attach before `bot.start()`, so its first QR is served. */
  attach(account: string, bot: Bot, options?: AttachOptions): Promise<void>;
  /** Stops serving `account` (only if `bot`, when given, is the one attached): its streams end, its webhook queue is flushed. */
  detach(account: string, bot?: Bot): Promise<void>;
  /** The accounts attached now, sorted. */
  accounts(): string[];
  close(): Promise<void>;
}

/**
 * Starts the control API, SSE events, metrics, webhooks and web console of a fleet worker, whose
 * accounts come and go while it runs: each is served at `/api/accounts/:account/...` (every route
 * of the one-bot server), `/api/accounts` lists them, `/api/events` streams them all.
 * @example
 * const server = await startFleetControlServer({ home: fleetDir, port: 8720, worker: 'w1' });
 * await server.attach('sales-1', bot);
 * await bot.start();
 */
export async function startFleetControlServer(options: FleetControlServerOptions): Promise<FleetControlServer> {
  const host = options.host ?? '127.0.0.1';
  const token = await resolveToken({ home: options.home, host, token: options.token });
  const log = (options.logger ?? pino({ level: 'silent' })).child({ component: 'control-api' });
  const app = await createApp({ log, token: token.token, bodyLimit: options.bodyLimit });
  const accounts = new FleetAccounts(options.accounts);
  const hub = new FleetHub();
  const qr = new QrRenderer();
  const streams = new Set<() => void>();
  const metrics = createMetrics({ perAccount: true, bots: () => accounts.all().map((e) => ({ ctx: e.opened.ctx, account: e.account })) });

  // An account not here is answered before validation, naming its worker (an async store read).
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.url?.startsWith(`${ACCOUNT_PREFIX}/`)) return;
    const account = (req.params as { account?: string }).account ?? '';
    if (!accounts.get(account)) throw await accounts.notHere(account);
  });
  accountRoutes(app, accounts, options.worker, log);
  fleetEventRoutes(app, accounts, hub, streams);
  botRoutes(app, accounts.scope());
  metricsRoute(app, metrics.registry);
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  const url = await finishApp(app, { port: options.port ?? 0, host });

  const close = async (entry: AttachedAccount): Promise<void> => {
    entry.unsubscribe();
    await entry.opened.close();
    hub.announce(entry.account, 'detached');
  };
  const server: FleetControlServer = {
    url,
    token,
    consoleUrl: `${url}/#token=${encodeURIComponent(token.token)}`,
    app,
    async attach(account, bot, attachOptions = {}) {
      const before = accounts.get(account);
      if (before && accounts.delete(before)) await close(before);
      const opened = await openBotContext({ bot, log: log.child({ account }), qr, qrPath: `/api/accounts/${account}/qr`, plugins: attachOptions.plugins, hooks: options.webhooks, store: attachOptions.store, account });
      const stopRelay = opened.ctx.hub.subscribe((event) => hub.relay(account, event));
      const stopMetrics = metrics.track({ ctx: opened.ctx, account, timer: attachOptions.handlerTimer });
      accounts.set({ account, bot, opened, store: attachOptions.store, unsubscribe: () => (stopRelay(), stopMetrics()) });
      hub.announce(account, 'attached');
    },
    async detach(account, bot) {
      const entry = accounts.get(account);
      if (!entry || (bot !== undefined && entry.bot !== bot)) return;
      if (accounts.delete(entry)) await close(entry);
    },
    accounts: () => accounts.all().map((e) => e.account),
    async close() {
      const all = accounts.all();
      for (const entry of all) accounts.delete(entry);
      await Promise.all(all.map((entry) => close(entry)));
      metrics.stop();
      hub.close();
      await app.close();
    },
  };
  return server;
}

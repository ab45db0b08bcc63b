import type { Bot, StateStore } from '@wxbot/core';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { createApp, finishApp } from './app';
import { openBotContext } from './bot-context';
import { singleBot } from './context';
import type { HandlerTimer } from './handler-timer';
import { metricsRoutes } from './metrics';
import { QrRenderer } from './qr-image';
import { botRoutes } from './routes/bot-routes';
import { healthRoutes } from './routes/health';
import { resolveToken, type ResolvedToken } from './token';
import type { WebhookConfig } from './webhooks';

/** Options of {@link startControlServer}. */
export interface ControlServerOptions {
  bot: Bot;
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. Any other address needs an explicit `token`. */
  host?: string;
  /** Bearer token for `/api` and `/metrics`. Default: `<bot.home>/api-token`, created on first use. */
  token?: string | undefined;
  /** Signed POSTs of the events to other services. */
  webhooks?: readonly WebhookConfig[];
  /**
   * Keep the webhook deliveries waiting for a retry in this state store (the bot's own, e.g. its
   * Redis store: they then move with the account). Default: `<bot.home>/webhooks-pending.json`.
   */
  store?: StateStore;
  /** Names shown in the console's plugin list. */
  plugins?: () => readonly string[];
  /** Largest request body (base64 media included). Default 16 MiB. */
  bodyLimit?: number;
  /** Default: the bot's logger. */
  logger?: Logger;
  /** Its plugin, first in the bot's list, feeds the `wxbot_handler_seconds` histogram. */
  handlerTimer?: HandlerTimer;
}

/** A listening control server. */
export interface ControlServer {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly token: ResolvedToken;
  /** The console with the token in the fragment (never sent to the server, so never logged). */
  readonly consoleUrl: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts the control API, SSE events, metrics, webhooks and the web console for one Bot. Start it
 * before `bot.start()` so the first QR reaches the console.
 * @example
 * const server = await startControlServer({ bot, port: 0 });
 * console.log(`control API listening on ${server.url}`);
 * await bot.start();
 */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { bot } = options;
  const host = options.host ?? '127.0.0.1';
  const token = await resolveToken({ home: bot.home, host, token: options.token });
  const log = (options.logger ?? bot.log ?? pino({ level: 'silent' })).child({ component: 'control-api' });
  const app = await createApp({ log, token: token.token, bodyLimit: options.bodyLimit });

  const opened = await openBotContext({ bot, log, qr: new QrRenderer(), qrPath: '/api/qr', plugins: options.plugins, hooks: options.webhooks, store: options.store });
  const { ctx } = opened;
  healthRoutes(app, ctx);
  botRoutes(app, singleBot(ctx));
  const stopMetrics = metricsRoutes(app, ctx, options.handlerTimer);

  app.addHook('onClose', async () => {
    for (const end of [...ctx.streams]) end();
  });
  const url = await finishApp(app, { port: options.port ?? 0, host }).catch(async (err: unknown) => {
    stopMetrics();
    await opened.close();
    throw err;
  });
  return {
    url,
    token,
    consoleUrl: `${url}/#token=${encodeURIComponent(token.token)}`,
    app,
    async close() {
      stopMetrics();
      await opened.close();
      await app.close();
    },
  };
}

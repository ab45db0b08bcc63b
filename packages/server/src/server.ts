import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { Bot, StateStore } from '@wxbot/core';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { ActionTable } from './action-table';
import type { ServerContext } from './context';
import { EventHub } from './event-hub';
import { RecentMessages } from './recent-messages';
import type { HandlerTimer } from './handler-timer';
import { ServerError, errorBody } from './errors';
import { metricsRoutes } from './metrics';
import { QrRenderer } from './qr-image';
import { contactDetailRoutes } from './routes/contact-details';
import { directoryRoutes } from './routes/directory';
import { dryRunRoutes } from './routes/dry-run';
import { eventRoutes } from './routes/events';
import { friendRequestRoutes } from './routes/friend-requests';
import { healthRoutes } from './routes/health';
import { messageRoutes } from './routes/messages';
import { sessionRoutes } from './routes/session';
import { statusRoutes } from './routes/status';
import { governorRoutes } from './routes/governor';
import { resolveToken, tokenMatches, type ResolvedToken } from './token';
import { startWebhooks, type WebhookConfig } from './webhooks';

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

const CONSOLE_DIR = path.join(__dirname, '..', 'console');

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
  const app: FastifyInstance = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024, forceCloseConnections: true });

  const hub = new EventHub(bot);
  const recent = new RecentMessages(bot);
  const ctx: ServerContext = { bot, hub, actions: new ActionTable(), recent, qr: new QrRenderer(), log, plugins: options.plugins ?? (() => []), startedAt: Date.now() };

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'wxbot control API', version: '1' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });

  app.addHook('onRequest', async (req) => {
    // Decided by the matched route, not the raw path: `/%61pi/status` routes to /api/status too.
    // No route matched (404) is checked as well, so unknown /api paths reveal nothing either.
    const route = req.routeOptions.url;
    if (route !== undefined && !route.startsWith('/api/') && route !== '/metrics') return;
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !tokenMatches(given, token.token)) {
      throw new ServerError('WXBOT_API_UNAUTHORIZED', given ? 'wrong token: use the one in api.token, WXBOT_API_TOKEN or <home>/api-token' : 'missing "Authorization: Bearer <token>"; the token is api.token, WXBOT_API_TOKEN or <home>/api-token');
    }
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err instanceof ServerError) return reply.code(err.status).send(errorBody(err));
    if (err.validation) return reply.code(400).send(errorBody(new ServerError('WXBOT_API_BAD_REQUEST', `invalid request: ${err.message}`)));
    if (err.statusCode === 413) return reply.code(413).send(errorBody(new ServerError('WXBOT_API_TOO_LARGE', `request body too large (limit ${app.initialConfig.bodyLimit} bytes); send big files from a plugin with a path`)));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send(errorBody(new ServerError('WXBOT_API_BAD_REQUEST', err.message)));
    log.error({ err: err.message }, 'control API request failed');
    return reply.code(500).send(errorBody(new ServerError('WXBOT_API_INTERNAL', 'internal error; see the bot log')));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(new ServerError('WXBOT_API_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}; see GET /api/openapi.json`))));

  // A scan nobody sees is the 3 a.m. failure this server exists for: say it loudly, with where to look.
  const stopQrWarning = hub.subscribe((event) => {
    if (event.type === 'qr') log.warn({ uuid: (event.data as { uuid: string }).uuid }, 'a scan is needed to log in: open the web console or GET /api/qr');
  });
  const streams = new Set<() => void>();
  healthRoutes(app, ctx);
  statusRoutes(app, ctx);
  governorRoutes(app, ctx);
  directoryRoutes(app, ctx);
  contactDetailRoutes(app, ctx);
  friendRequestRoutes(app, ctx);
  messageRoutes(app, ctx);
  eventRoutes(app, ctx, streams);
  sessionRoutes(app, ctx);
  dryRunRoutes(app, ctx);
  const stopMetrics = metricsRoutes(app, ctx, options.handlerTimer);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    // The console runs only its own scripts; QR images are data: URIs.
    setHeaders: (res) => res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
  });

  const webhooks = await startWebhooks({ ctx, hooks: options.webhooks ?? [], home: bot.home, store: options.store });

  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    token,
    consoleUrl: `${url}/#token=${encodeURIComponent(token.token)}`,
    app,
    async close() {
      await webhooks.close();
      stopMetrics();
      stopQrWarning();
      hub.close();
      recent.close();
      await app.close();
    },
  };
}

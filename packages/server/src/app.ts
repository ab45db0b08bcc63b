import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ServerError, errorBody } from './errors';
import { tokenMatches } from './token';

const CONSOLE_DIR = path.join(__dirname, '..', 'console');

/**
 * The Fastify instance both servers (one bot, a fleet) build on: the OpenAPI document, the bearer
 * token on `/api` and `/metrics`, and coded error answers. Routes are added by the caller, then
 * {@link finishApp} adds the console and listens.
 */
export async function createApp(options: { log: Logger; token: string; bodyLimit?: number | undefined }): Promise<FastifyInstance> {
  const { log, token } = options;
  const app: FastifyInstance = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024, forceCloseConnections: true });
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
    if (!given || !tokenMatches(given, token)) {
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
  return app;
}

/** Adds `/api/openapi.json` and the web console, then listens; returns `http://HOST:PORT`. */
export async function finishApp(app: FastifyInstance, listen: { port: number; host: string }): Promise<string> {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    // The console runs only its own scripts; QR images are data: URIs.
    setHeaders: (res) => res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
  });
  await app.listen(listen);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const shownHost = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return `http://${shownHost}:${port}`;
}

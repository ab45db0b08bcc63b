import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { ServerError } from '../errors';
import { accountSchema, bearer, errorSchema } from './schemas';

const statusSchema = {
  type: 'object',
  properties: {
    state: { type: 'string' },
    account: accountSchema,
    loginMethod: { type: 'string', nullable: true },
    uptimeSeconds: { type: 'number' },
    counts: { type: 'object', properties: { contacts: { type: 'integer' }, groups: { type: 'integer' }, queued: { type: 'integer' } } },
    governor: {
      type: 'object',
      description: 'The outbox breakers by action kind (closed, open while cooling down after "too frequent", half-open while one trial runs)',
      properties: { breakers: { type: 'object', additionalProperties: { type: 'string' } } },
    },
    plugins: { type: 'array', items: { type: 'string' } },
    qrPending: { type: 'boolean' },
  },
} as const;

/** `GET /api/status` and `GET /api/qr`. */
export function statusRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get(`${scope.prefix}/status`, { schema: { summary: 'State, account, uptime, counts, governor', security: bearer, response: { 200: statusSchema } } }, async (req) => {
    const ctx = scope.ctx(req);
    const { bot, hub } = ctx;
    const loggedIn = bot.state === 'running' || bot.state === 'reconnecting';
    const outbox = bot.outbox.inspect();
    return {
      state: bot.state,
      account: loggedIn ? (hub.account ?? { id: bot.contacts.self.id, name: bot.contacts.self.name }) : null,
      loginMethod: loggedIn ? (hub.loginMethod ?? null) : null,
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
      counts: { ...(loggedIn ? bot.contacts.size : { contacts: 0, groups: 0 }), queued: outbox.queued.length },
      governor: { breakers: outbox.breakers },
      plugins: [...ctx.plugins()],
      qrPending: hub.qr !== undefined,
    };
  });

  const qrSchema = { type: 'object', properties: { uuid: { type: 'string' }, url: { type: 'string' }, svg: { type: 'string' }, png: { type: 'string' } } } as const;
  app.get(`${scope.prefix}/qr`, { schema: { summary: 'The live login QR (404 when no scan is needed)', security: bearer, response: { 200: qrSchema, 404: errorSchema } } }, async (req) => {
    const ctx = scope.ctx(req);
    const qr = ctx.hub.qr;
    if (!qr) throw new ServerError('WXBOT_API_NOT_FOUND', `no QR code to scan: the bot is ${ctx.bot.state}${ctx.hub.account ? ` as ${ctx.hub.account.name}` : ''}`);
    return ctx.qr.render(qr);
  });
}

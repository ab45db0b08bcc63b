import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';

/** `/healthz` (the process answers) and `/readyz` (logged in and receiving): no token, for probes. */
export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const schema = { type: 'object', properties: { ok: { type: 'boolean' }, state: { type: 'string' } } } as const;
  app.get('/healthz', { schema: { summary: 'The process is up', response: { 200: schema } } }, async () => ({ ok: true, state: ctx.bot.state }));
  app.get('/readyz', { schema: { summary: 'Logged in and receiving (503 otherwise)', response: { 200: schema, 503: schema } } }, async (_req, reply) => {
    const ready = ctx.bot.state === 'running';
    return reply.code(ready ? 200 : 503).send({ ok: ready, state: ctx.bot.state });
  });
}

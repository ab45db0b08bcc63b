import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { bearer } from './schemas';

/** `POST /api/logout`: ends the web session on the server (the phone sees it) and stops the bot. */
export function sessionRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.post(
    `${scope.prefix}/logout`,
    { schema: { summary: 'Log out on the server and stop the bot (wxbot start then exits)', security: bearer, response: { 202: { type: 'object', properties: { ok: { type: 'boolean' }, state: { type: 'string' } } } } } },
    async (req, reply) => {
      const ctx = scope.ctx(req);
      const state = ctx.bot.state;
      // After the answer: logging out stops the bot, and `wxbot start` exits with it.
      reply.raw.once('finish', () => {
        ctx.bot.logout().catch((err: Error) => ctx.log.warn({ err: err.message }, 'logout asked through the control API failed'));
      });
      return reply.code(202).send({ ok: true, state });
    },
  );
}

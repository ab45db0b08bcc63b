import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { bearer } from './schemas';

const actionSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    kind: { type: 'string' },
    to: { type: 'string' },
    toName: { type: 'string' },
    text: { type: 'string' },
    file: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

const dryRunSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['live', 'dry-run'] },
    total: { type: 'integer', description: 'Actions recorded since the start (the list keeps the last 1000)' },
    actions: { type: 'array', items: actionSchema },
  },
} as const;

/** `GET /api/dry-run`: what a bot in `mode: 'dry-run'` would have sent, oldest first (empty when live). */
export function dryRunRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get(`${scope.prefix}/dry-run`, { schema: { summary: 'The actions a dry-run bot would have sent', security: bearer, response: { 200: dryRunSchema } } }, async (req) => {
    const ctx = scope.ctx(req);
    const dry = ctx.bot.dryRun;
    return { mode: dry ? 'dry-run' : 'live', total: dry?.total ?? 0, actions: dry ? [...dry.actions] : [] };
  });
}

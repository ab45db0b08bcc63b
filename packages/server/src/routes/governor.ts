import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { bearer } from './schemas';

const counters = { type: 'object', additionalProperties: { type: 'object', properties: { cap: { type: 'integer' }, used: { type: 'integer' }, remaining: { type: 'integer' } } } } as const;
const breakers = { type: 'object', additionalProperties: { type: 'object', properties: { state: { type: 'string' }, openUntil: { type: 'number' }, trips: { type: 'integer' } } } } as const;
const governorSchema = {
  type: 'object',
  properties: {
    timeZone: { type: 'string' },
    day: { type: 'string' },
    caps: counters,
    breakers,
    quietHours: { type: 'object', properties: { configured: { type: 'boolean' }, quiet: { type: 'boolean' }, policy: { type: 'string' }, nextChange: { type: 'number', nullable: true } } },
    pacing: { type: 'boolean' },
  },
} as const;

/** `GET /api/governor`: the safety governor's state (docs/safety.md): caps left, breakers, quiet hours. */
export function governorRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get(`${scope.prefix}/governor`, { schema: { summary: 'Daily caps left, breakers, quiet hours (docs/safety.md)', security: bearer, response: { 200: governorSchema } } }, async (req) => {
    const ctx = scope.ctx(req);
    const status = ctx.bot.governor.status();
    return { ...status, quietHours: { ...status.quietHours, nextChange: status.quietHours.nextChange ?? null } };
  });
}

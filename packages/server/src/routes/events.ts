import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { EVENT_TYPES, type ApiEvent, type EventType } from '../event-hub';
import { ServerError } from '../errors';
import { bearer } from './schemas';

/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

const frame = (e: Pick<ApiEvent, 'seq' | 'type' | 'data'>): string => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

/**
 * `GET /api/events`: Server-Sent Events. On connect the stream starts with the current `state` (and
 * the live `qr` when a scan is needed), so a page needs no second request. `?types=message,qr` filters.
 */
export function eventRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get<{ Querystring: { types?: string } }>(
    `${scope.prefix}/events`,
    {
      schema: {
        summary: `Server-Sent Events: ${EVENT_TYPES.join(', ')}`,
        security: bearer,
        querystring: { type: 'object', properties: { types: { type: 'string', description: 'comma-separated event types (default: all)' } } },
        produces: ['text/event-stream'],
      },
    },
    (req, reply) => {
      const ctx = scope.ctx(req);
      const wanted = req.query.types ? req.query.types.split(',').map((t) => t.trim()) : [...EVENT_TYPES];
      const unknown = wanted.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
      if (unknown.length) throw new ServerError('WXBOT_API_BAD_REQUEST', `unknown event type ${unknown.join(', ')}; known: ${EVENT_TYPES.join(', ')}`);
      const types = new Set(wanted as EventType[]);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      if (types.has('state')) res.write(frame({ seq: 0, type: 'state', data: { state: ctx.bot.state } }));
      if (types.has('qr') && ctx.hub.qr) res.write(frame({ seq: 0, type: 'qr', data: ctx.hub.qr }));

      const unsubscribe = ctx.hub.subscribe((event) => {
        if (types.has(event.type)) res.write(frame(event));
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        ctx.streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      ctx.streams.add(end);
      req.raw.on('close', end);
    },
  );
}

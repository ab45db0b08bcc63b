import type { FastifyInstance } from 'fastify';
import { EVENT_TYPES } from '../event-hub';
import { ServerError } from '../errors';
import type { FleetAccounts } from '../fleet-accounts';
import { FLEET_EVENT_TYPES, type FleetApiEvent, type FleetEventType, type FleetHub } from '../fleet-hub';
import { HEARTBEAT_MS } from './events';
import { bearer } from './schemas';

const ALL: readonly string[] = [...EVENT_TYPES, ...FLEET_EVENT_TYPES];

const frame = (e: Pick<FleetApiEvent, 'seq' | 'type' | 'account' | 'data'>): string => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ account: e.account, data: e.data })}\n\n`;

const list = (value: string | undefined): string[] | undefined => (value ? value.split(',').map((t) => t.trim()).filter((t) => t !== '') : undefined);

/**
 * `GET /api/events` of a fleet server: every held account's events in one stream, each frame's
 * data `{ "account", "data" }`. On connect: each account's `state`, and its live `qr` when a scan
 * is needed, so an operator's page sees at once which accounts wait for a phone.
 * `?types=qr,state` and `?accounts=sales-1,sales-2` filter.
 */
export function fleetEventRoutes(app: FastifyInstance, accounts: FleetAccounts, hub: FleetHub, streams: Set<() => void>): void {
  app.get<{ Querystring: { types?: string; accounts?: string } }>(
    '/api/events',
    {
      schema: {
        summary: `Server-Sent Events of every account here: ${ALL.join(', ')}; data { account, data }`,
        security: bearer,
        querystring: { type: 'object', properties: { types: { type: 'string', description: 'comma-separated event types (default: all)' }, accounts: { type: 'string', description: 'comma-separated account names (default: all)' } } },
        produces: ['text/event-stream'],
      },
    },
    (req, reply) => {
      const wanted = list(req.query.types) ?? ALL;
      const unknown = wanted.filter((t) => !ALL.includes(t));
      if (unknown.length) throw new ServerError('WXBOT_API_BAD_REQUEST', `unknown event type ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
      const types = new Set(wanted as FleetEventType[]);
      const only = list(req.query.accounts);
      const shown = (account: string): boolean => only === undefined || only.includes(account);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      for (const { account, opened } of accounts.all()) {
        if (!shown(account)) continue;
        const { bot, hub } = opened.ctx;
        if (types.has('state')) res.write(frame({ seq: 0, account, type: 'state', data: { state: bot.state } }));
        if (types.has('qr') && hub.qr) res.write(frame({ seq: 0, account, type: 'qr', data: hub.qr }));
      }
      const unsubscribe = hub.subscribe((event) => {
        if (types.has(event.type) && shown(event.account)) res.write(frame(event));
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
    },
  );
}

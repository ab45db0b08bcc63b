import type { Bot } from '@wxbot/core';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ActionTable } from './action-table';
import type { EventHub } from './event-hub';
import type { QrRenderer } from './qr-image';
import type { RecentMessages } from './recent-messages';

/** What the routes share: the bot and the server's own bookkeeping. */
export interface ServerContext {
  readonly bot: Bot;
  readonly hub: EventHub;
  readonly actions: ActionTable;
  /** Received messages, by id, for forwards asked through the API. */
  readonly recent: RecentMessages;
  readonly qr: QrRenderer;
  readonly log: Logger;
  /** Names of the loaded plugins, as the CLI resolved them. */
  readonly plugins: () => readonly string[];
  readonly startedAt: number;
  /** Ends each open event stream of this bot (when the server closes or the bot leaves it). */
  readonly streams: Set<() => void>;
}

/**
 * Where the per-bot routes live and whose bot a request is for. One server serves one bot at
 * `/api/...`; a fleet server serves each account at `/api/accounts/:account/...`, resolved per
 * request because Fastify cannot add routes once it listens while accounts come and go.
 */
export interface RouteScope {
  /** `/api`, or `/api/accounts/:account`. */
  readonly prefix: string;
  /** The request's bot; throws a coded `ServerError` when this server has none for it. */
  ctx(req: FastifyRequest): ServerContext;
}

/** The scope of a server with one bot. */
export const singleBot = (ctx: ServerContext): RouteScope => ({ prefix: '/api', ctx: () => ctx });

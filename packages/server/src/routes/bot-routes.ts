import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { contactDetailRoutes } from './contact-details';
import { directoryRoutes } from './directory';
import { dryRunRoutes } from './dry-run';
import { eventRoutes } from './events';
import { friendRequestRoutes } from './friend-requests';
import { governorRoutes } from './governor';
import { messageRoutes } from './messages';
import { sessionRoutes } from './session';
import { statusRoutes } from './status';

/**
 * Every route of one bot, under `scope.prefix`: `/api/...` on a one-bot server, and
 * `/api/accounts/:account/...` on a fleet server (the same handlers, the bot resolved per request).
 */
export function botRoutes(app: FastifyInstance, scope: RouteScope): void {
  statusRoutes(app, scope);
  governorRoutes(app, scope);
  directoryRoutes(app, scope);
  contactDetailRoutes(app, scope);
  friendRequestRoutes(app, scope);
  messageRoutes(app, scope);
  eventRoutes(app, scope);
  sessionRoutes(app, scope);
  dryRunRoutes(app, scope);
}

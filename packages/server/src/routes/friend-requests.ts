import type { FriendRequestInfo } from '@wxbot/core';
import type { FastifyInstance } from 'fastify';
import type { RouteScope, ServerContext } from '../context';
import { ServerError } from '../errors';
import { scrub } from '../views';
import { bearer, errorSchema } from './schemas';

/** A pending friend request as the API shows it: never its ticket (a credential of the request). */
const requestSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, nickName: { type: 'string' }, greeting: { type: 'string' }, scene: { type: 'integer' }, roomId: { type: 'string' } },
} as const;

const requestView = (r: FriendRequestInfo) => ({ id: r.userName, nickName: r.nickName, greeting: r.greeting, scene: r.scene, roomId: r.roomId });

function pending(ctx: ServerContext, id: string): FriendRequestInfo {
  if (ctx.bot.state !== 'running' && ctx.bot.state !== 'reconnecting') {
    throw new ServerError('WXBOT_API_NOT_LOGGED_IN', `the bot is ${ctx.bot.state}, not logged in; answer requests after the login (GET /api/status)`);
  }
  const request = ctx.bot.friends.pending().find((r) => r.userName === id);
  if (!request) throw new ServerError('WXBOT_API_NOT_FOUND', `no pending friend request ${JSON.stringify(id)}; list them with GET /api/friend-requests (ids change at every login)`);
  return request;
}

/**
 * `GET /api/friend-requests`, `POST /api/friend-requests/:id/accept|reject|ignore`. Accepting and
 * rejecting go through the outbox (`verify-user`, paced and persisted) and answer 202 with an
 * action id to follow at `GET /api/messages/:id`; ignoring sends nothing (the web protocol has no
 * "ignore") and answers 200.
 */
export function friendRequestRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get(`${scope.prefix}/friend-requests`, { schema: { summary: 'Friend requests of this session not yet accepted, rejected or ignored', security: bearer, response: { 200: { type: 'object', properties: { items: { type: 'array', items: requestSchema } } } } } }, async (req) => {
    const ctx = scope.ctx(req);
    const loggedIn = ctx.bot.state === 'running' || ctx.bot.state === 'reconnecting';
    return { items: loggedIn ? ctx.bot.friends.pending().map(requestView) : [] };
  });

  const queued = { 202: { type: 'object', properties: { actionId: { type: 'string' }, status: { type: 'string' } } }, 404: errorSchema, 409: errorSchema } as const;
  for (const verb of ['accept', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(`${scope.prefix}/friend-requests/:id/${verb}`, { schema: { summary: `${verb === 'accept' ? 'Accept' : 'Reject'} a friend request through the outbox`, security: bearer, response: queued } }, async (req, reply) => {
      const ctx = scope.ctx(req);
      const request = pending(ctx, req.params.id);
      const record = ctx.actions.add(request.userName, request.nickName, `friend-${verb}`);
      ctx.bot.friends[verb](request).then(
        () => void (record.status = 'sent'),
        (err: Error & { code?: unknown }) => {
          record.status = 'failed';
          record.error = { message: scrub(err.message), ...(typeof err.code === 'string' ? { code: err.code } : {}) };
          ctx.hub.publish('error', { message: `friend-${verb} ${record.id} failed: ${record.error.message}`, ...(record.error.code ? { code: record.error.code } : {}) });
        },
      );
      return reply.code(202).send({ actionId: record.id, status: record.status });
    });
  }

  app.post<{ Params: { id: string } }>(`${scope.prefix}/friend-requests/:id/ignore`, { schema: { summary: 'Ignore a friend request (nothing is sent)', security: bearer, response: { 200: requestSchema, 404: errorSchema, 409: errorSchema } } }, async (req) => {
    const ctx = scope.ctx(req);
    const request = pending(ctx, req.params.id);
    ctx.bot.friends.ignore(request);
    return requestView(request);
  });
}

import type { GroupMember } from '@wxbot/core';
import type { FastifyInstance } from 'fastify';
import type { RouteScope, ServerContext } from '../context';
import { fromCore } from '../core-errors';
import { ServerError } from '../errors';
import { bearer, errorSchema, searchQuery } from './schemas';

const memberSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, nickName: { type: 'string' }, displayName: { type: 'string' }, isFriend: { type: 'boolean' } },
} as const;

function loggedIn(ctx: ServerContext): void {
  if (ctx.bot.state !== 'running' && ctx.bot.state !== 'reconnecting') {
    throw new ServerError('WXBOT_API_NOT_LOGGED_IN', `the bot is ${ctx.bot.state}, not logged in; ask after the login (GET /api/status)`);
  }
}

const memberView = (ctx: ServerContext, m: GroupMember) => ({ id: m.id, name: m.name, nickName: m.nickName, displayName: m.displayName, isFriend: ctx.bot.contacts.contact(m.id)?.kind === 'friend' });

function knownRoom(ctx: ServerContext, id: string) {
  loggedIn(ctx);
  const room = ctx.bot.contacts.group(id);
  if (!room) throw new ServerError('WXBOT_API_UNKNOWN_CHAT', `no group ${JSON.stringify(id)} in this session; look it up with GET /api/rooms?q= (ids change at every login)`);
  return room;
}

/**
 * Contact details beyond the directory: a group's members (by alias, remark or nickname) and the
 * bot's own alias there, avatars (bytes), and the group announcement the web protocol lacks.
 */
export function contactDetailRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.get<{ Params: { id: string }; Querystring: { q?: string; limit: number } }>(
    `${scope.prefix}/rooms/:id/members`,
    {
      schema: {
        summary: "A group's members, or those found by alias (display name), remark or nickname; with the bot's own alias there",
        security: bearer,
        querystring: searchQuery,
        response: { 200: { type: 'object', properties: { selfDisplayName: { type: 'string' }, items: { type: 'array', items: memberSchema } } }, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      const ctx = scope.ctx(req);
      const room = knownRoom(ctx, req.params.id);
      const found = req.query.q ? ctx.bot.contacts.findMembers(room.id, req.query.q) : room.members;
      return { selfDisplayName: ctx.bot.contacts.displayNameIn(room.id), items: found.slice(0, req.query.limit).map((m) => memberView(ctx, m)) };
    },
  );

  const announcement = { 501: errorSchema, 404: errorSchema, 409: errorSchema } as const;
  app.get<{ Params: { id: string } }>(`${scope.prefix}/rooms/:id/announcement`, { schema: { summary: 'Not on the web protocol: always 501 WXBOT_API_NOT_ON_WEB', security: bearer, response: announcement } }, async (req) => {
    const ctx = scope.ctx(req);
    const room = knownRoom(ctx, req.params.id);
    return fromCore(() => ctx.bot.rooms.announcement(room.id));
  });
  app.put<{ Params: { id: string }; Body: { text: string } }>(
    `${scope.prefix}/rooms/:id/announcement`,
    { schema: { summary: 'Not on the web protocol: always 501 WXBOT_API_NOT_ON_WEB', security: bearer, body: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string' } } }, response: announcement } },
    async (req) => {
      const ctx = scope.ctx(req);
      const room = knownRoom(ctx, req.params.id);
      return fromCore(() => ctx.bot.rooms.setAnnouncement(room.id, req.body.text));
    },
  );

  const avatarQuery = {
    type: 'object',
    additionalProperties: false,
    properties: { room: { type: 'string', maxLength: 200, description: 'the group a member who is not a contact is in (found by itself when omitted)' }, big: { type: 'boolean', default: false } },
  } as const;
  for (const path of ['/api/contacts/:id/avatar', '/api/rooms/:id/avatar']) {
    app.get<{ Params: { id: string }; Querystring: { room?: string; big: boolean } }>(
      path,
      { schema: { summary: 'The avatar image (its real type in Content-Type)', security: bearer, querystring: avatarQuery, response: { 400: errorSchema, 404: errorSchema, 409: errorSchema } } },
      async (req, reply) => {
        const ctx = scope.ctx(req);
        loggedIn(ctx);
        const { id } = req.params;
        const known = ctx.bot.contacts.contact(id) || ctx.bot.contacts.group(id) || ctx.bot.contacts.groups().some((g) => g.members.some((m) => m.id === id));
        if (!known) throw new ServerError('WXBOT_API_UNKNOWN_CHAT', `no contact, group or group member ${JSON.stringify(id)} in this session; look it up with GET /api/contacts?q=, /api/rooms?q= or /api/rooms/:id/members`);
        const avatar = await fromCore(() => ctx.bot.avatar(id, { big: req.query.big, ...(req.query.room ? { room: req.query.room } : {}) }));
        return reply.header('content-type', avatar.mime).header('cache-control', 'private, max-age=3600').send(avatar.bytes);
      },
    );
  }
}

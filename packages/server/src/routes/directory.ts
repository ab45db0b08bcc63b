import type { FastifyInstance } from 'fastify';
import type { RouteScope, ServerContext } from '../context';
import { contactView, roomView } from '../views';
import { bearer, contactSchema, roomSchema, searchQuery } from './schemas';

interface Search {
  Querystring: { q?: string; limit: number };
}

/** `GET /api/contacts?q=` and `GET /api/rooms?q=`: empty while logged out; ids work as `to`. */
export function directoryRoutes(app: FastifyInstance, scope: RouteScope): void {
  const loggedIn = (ctx: ServerContext): boolean => ctx.bot.state === 'running' || ctx.bot.state === 'reconnecting';
  const list = (items: object) => ({ type: 'object', properties: { items: { type: 'array', items } } }) as const;

  app.get<Search>(`${scope.prefix}/contacts`, { schema: { summary: 'Search contacts by name, remark or alias', security: bearer, querystring: searchQuery, response: { 200: list(contactSchema) } } }, async (req) => {
    const ctx = scope.ctx(req);
    if (!loggedIn(ctx)) return { items: [] };
    const { q, limit } = req.query;
    const found = q ? ctx.bot.contacts.findContacts(q) : ctx.bot.contacts.friends();
    return { items: found.slice(0, limit).map(contactView) };
  });

  app.get<Search>(`${scope.prefix}/rooms`, { schema: { summary: 'Search groups by topic', security: bearer, querystring: searchQuery, response: { 200: list(roomSchema) } } }, async (req) => {
    const ctx = scope.ctx(req);
    if (!loggedIn(ctx)) return { items: [] };
    const { q, limit } = req.query;
    const found = q ? ctx.bot.contacts.findGroups(q) : ctx.bot.contacts.groups();
    return { items: found.slice(0, limit).map(roomView) };
  });
}

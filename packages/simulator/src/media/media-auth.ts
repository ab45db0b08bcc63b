import type { SimCore } from '../core';
import type { RequestContext } from '../routes/context';
import type { Session } from '../session/session';

/**
 * Session of a media GET (downloads, avatars): the `wxuin` + `wxsid` cookies
 * must name a live session (docs/protocol.md 8: "cookies required"); the `skey`
 * query parameter is checked only in strict mode (`withSkey`: webwxgetmedia has none).
 */
export function mediaSession(core: SimCore, ctx: RequestContext, withSkey = true): Session | undefined {
  if (ctx.forced?.type === 'logout') return undefined;
  const uin = ctx.cookies.get('wxuin');
  const sid = ctx.cookies.get('wxsid');
  if (!uin || !sid) return undefined;
  const session = core.findSession(sid);
  if (!session || String(session.uin) !== uin || session.ended !== undefined) return undefined;
  if (core.options.strict && withSkey && param(ctx, 'skey') !== session.skey) return undefined;
  return session;
}

/** A query parameter by case-insensitive name (`MsgID` vs `msgid`: clients differ, docs/protocol.md 8.1). */
export function param(ctx: RequestContext, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of ctx.query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * Compares a ticket from a query string with the real one. Base64 tickets
 * contain `+`, which a client that forgets to URL-encode sends raw and
 * URLSearchParams turns into a space.
 */
export function sameTicket(fromQuery: string | undefined, ticket: string): boolean {
  if (fromQuery === undefined || fromQuery === '') return false;
  return fromQuery === ticket || fromQuery.replace(/ /g, '+') === ticket;
}

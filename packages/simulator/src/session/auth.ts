import type { SimCore } from '../core';
import { jsonBody, type RequestContext } from '../routes/context';
import type { Session } from './session';

export type AuthResult = { ok: true; session: Session; body: Record<string, unknown> } | { ok: false; ret: number };

const DEVICE_ID = /^e\d{15}$/;

/**
 * Authenticates a JSON API call as the real server is believed to
 * (docs/protocol.md 3.1, 17.4): the `wxuin` + `wxsid` cookies must name a live
 * session, and `BaseRequest.Uin` (number or string) / `Sid` must match them.
 * Skey, DeviceID and pass_ticket are only checked in strict mode.
 *
 * Codes: missing cookies or unknown session → 1100; session ended → its code
 * (1100 logged out, 1101 kicked, 1102); a forced `logout` fault → its retcode.
 */
export function authenticate(core: SimCore, ctx: RequestContext, needBaseRequest: boolean): AuthResult {
  if (ctx.forced?.type === 'logout') return { ok: false, ret: ctx.forced.retcode ?? 1101 };
  const uin = ctx.cookies.get('wxuin');
  const sid = ctx.cookies.get('wxsid');
  if (!uin || !sid) return { ok: false, ret: 1100 };
  const session = core.findSession(sid);
  if (!session || String(session.uin) !== uin) return { ok: false, ret: 1100 };
  if (session.ended !== undefined) return { ok: false, ret: session.ended };
  const body = jsonBody(ctx) ?? {};
  const base = body['BaseRequest'] as Record<string, unknown> | undefined;
  if (base === undefined || base === null || typeof base !== 'object') {
    return needBaseRequest ? { ok: false, ret: 1100 } : { ok: true, session, body };
  }
  if (String(base['Uin']) !== String(session.uin) || base['Sid'] !== session.sid) return { ok: false, ret: 1100 };
  if (core.options.strict && !strictOk(ctx, session, base)) return { ok: false, ret: 1100 };
  return { ok: true, session, body };
}

function strictOk(ctx: RequestContext, session: Session, base: Record<string, unknown>): boolean {
  if (base['Skey'] !== session.skey) return false;
  if (typeof base['DeviceID'] !== 'string' || !DEVICE_ID.test(base['DeviceID'])) return false;
  const pt = ctx.query.get('pass_ticket');
  return pt === null || passTicketMatches(pt, session.passTicket);
}

/** Clients send pass_ticket raw, single- or double-encoded (docs/protocol.md 3.3); URLSearchParams already decoded once. */
function passTicketMatches(value: string, raw: string): boolean {
  let v = value;
  for (let i = 0; i < 3; i++) {
    if (v === raw) return true;
    try {
      v = decodeURIComponent(v);
    } catch {
      return false;
    }
  }
  return v === raw;
}

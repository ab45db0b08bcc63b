import type { AccountSet } from '../accounts/account-set';
import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import type { FaultSpec } from '../faults';
import { inject, type InjectInput } from '../messages/inject';
import { uploadRecords } from '../media/upload-records';
import { renameGroup, renameSelf } from '../contacts/contact-changes';
import { acceptOutgoingRequest } from '../contacts/friend-ops';
import { joinRoom, leaveRoom } from '../contacts/group-ops';
import { messageInput } from './control-messages';
import { controlJson, type SimResponse } from '../util/response';
import { jsonBody, type RequestContext } from './context';

/** What the control API needs from the Simulator (kept narrow so routes stay testable). */
export interface ControlTarget {
  core: SimCore;
  scan(): void;
  confirm(): void;
  cancel(): void;
  forceLogout(retcode: 1100 | 1101 | 1102): void;
  state(): unknown;
  /** A multi-account simulator's accounts; control calls with `?account=NAME` act on that one. */
  accounts?: AccountSet;
  /** The same calls for the account `name` (404 for an unknown name). */
  forAccount?(name: string): ControlTarget;
}

function body(ctx: RequestContext): Record<string, unknown> {
  if (ctx.body.length === 0) return {};
  const parsed = jsonBody(ctx);
  if (!parsed) throw new SimulatorError('body must be a JSON object');
  return parsed;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new SimulatorError(`"${field}" (non-empty string) is required`);
  return value;
}

/**
 * `/__sim/…` on any host: drive the phone, inject messages, read what was
 * sent, arm faults. Errors are 4xx JSON `{ "error": "…" }`.
 */
export function control(target: ControlTarget, ctx: RequestContext): SimResponse {
  try {
    return route(target, ctx);
  } catch (err) {
    if (err instanceof SimulatorError) return controlJson({ error: err.message }, err.status);
    throw err;
  }
}

function route(all: ControlTarget, ctx: RequestContext): SimResponse {
  const name = ctx.query.get('account');
  const target = name === null || !all.forAccount ? all : all.forAccount(name);
  const { core } = target;
  const op = `${ctx.method} ${ctx.path.slice('/__sim'.length)}`;
  switch (op) {
    case 'GET /accounts':
      return controlJson(accountList(all));
    case 'POST /scan':
      target.scan();
      return controlJson({ ok: true });
    case 'POST /confirm':
      target.confirm();
      return controlJson({ ok: true });
    case 'POST /cancel':
      target.cancel();
      return controlJson({ ok: true });
    case 'POST /messages': {
      const { msgId, entry } = inject(core, messageInput(body(ctx)));
      return controlJson({ msgId, MsgId: msgId, entry });
    }
    case 'POST /inject': {
      const b = body(ctx);
      text(b['kind'], 'kind');
      const { msgId, entry } = inject(core, b as unknown as InjectInput);
      return controlJson({ msgId, entry });
    }
    case 'GET /sent':
      return controlJson(core.sent);
    case 'POST /friends/accept':
      acceptOutgoingRequest(core, text(body(ctx)['name'], 'name'));
      return controlJson({ ok: true });
    case 'POST /rooms/join': {
      const b = body(ctx);
      joinRoom(core, { room: text(b['room'], 'room'), member: text(b['member'], 'member'), ...optional(b, 'by'), ...via(b), leadingSpace: b['leadingSpace'] === true });
      return controlJson({ ok: true });
    }
    case 'POST /rooms/leave': {
      const b = body(ctx);
      leaveRoom(core, { room: text(b['room'], 'room'), member: text(b['member'], 'member'), ...optional(b, 'by') });
      return controlJson({ ok: true });
    }
    case 'POST /rooms/topic': {
      const b = body(ctx);
      renameGroup(core, text(b['room'], 'room'), text(b['topic'], 'topic'), b['by'] === undefined ? undefined : text(b['by'], 'by'));
      return controlJson({ ok: true });
    }
    case 'POST /profile': {
      renameSelf(core, text(body(ctx)['nickName'], 'nickName'));
      return controlJson({ ok: true });
    }
    case 'GET /uploads':
      return controlJson(uploadRecords(core));
    case 'GET /clock':
      return controlJson({ now: core.clock.now() });
    case 'POST /clock': {
      const ms = body(ctx)['advanceMs'];
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new SimulatorError('"advanceMs" (non-negative number) is required');
      return controlJson({ now: core.clock.advance(ms) });
    }
    case 'GET /state':
      return controlJson(target.state());
    case 'GET /faults':
      return controlJson(core.faults.list());
    case 'POST /faults': {
      const parsed = anyJson(ctx);
      for (const spec of Array.isArray(parsed) ? parsed : [parsed]) core.faults.add(spec as FaultSpec);
      return controlJson({ ok: true, faults: core.faults.list() });
    }
    case 'DELETE /faults':
      core.faults.clear();
      return controlJson({ ok: true });
    case 'POST /logout': {
      const retcode = Number(body(ctx)['retcode'] ?? 1101);
      if (retcode !== 1100 && retcode !== 1101 && retcode !== 1102) throw new SimulatorError('"retcode" must be 1100, 1101 or 1102');
      target.forceLogout(retcode);
      return controlJson({ ok: true });
    }
    default:
      throw new SimulatorError(`unknown control call ${op}; see README: accounts, scan, confirm, cancel, messages, inject, sent, uploads, clock, friends/accept, rooms/join, rooms/leave, rooms/topic, profile, state, faults, logout`, 404);
  }
}

/** `GET /__sim/accounts`: name, uin, self nickname and session of each account, in order. */
function accountList(target: ControlTarget): unknown[] {
  const cores = target.accounts?.cores ?? [target.core];
  return cores.map((c) => {
    const session = c.current;
    return {
      name: c.name,
      uin: c.account.uin,
      nickName: c.book.people[0]?.nickName ?? '',
      session: session === undefined ? 'none' : session.ended === undefined ? 'live' : 'ended',
    };
  });
}

function optional(b: Record<string, unknown>, field: string): Record<string, string> {
  return b[field] === undefined ? {} : { [field]: text(b[field], field) };
}

function via(b: Record<string, unknown>): { via?: 'invite' | 'qr' } {
  const v = b['via'];
  if (v === undefined) return {};
  if (v !== 'invite' && v !== 'qr') throw new SimulatorError('"via" must be "invite" or "qr"');
  return { via: v };
}

/** A fault spec or an array of them. */
function anyJson(ctx: RequestContext): unknown {
  try {
    return JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw new SimulatorError('body must be a JSON fault spec or an array of them');
  }
}

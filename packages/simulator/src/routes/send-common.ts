import type { Group, Person } from '../contacts/address-book';
import type { SentRecord, SimCore } from '../core';
import type { Directory } from '../contacts/directory';
import type { Session } from '../session/session';
import { wireJsonCompact, type SimResponse } from '../util/response';
import { baseResponse, jsonApi } from './json-api';
import type { MessageScope } from '../messages/chat-messages';
import type { WireEntry } from '../messages/entry';
import { publishEntry } from '../messages/publish';

// Codes (docs/protocol.md 9.1, 14): 1204 not a friend / self, 1201 no such group (or not a member), 1200 unparsable request.
export const NOT_FRIEND = 1204;
export const NO_GROUP = 1201;
export const BAD_REQUEST = 1200;
/** Parameter error: unknown MediaId, totallen mismatch … [UNSURE which code the real server uses]. */
export const BAD_PARAM = 1;

export type Target = { ok: true; to: string; room?: string; group?: Group; person?: Person } | { ok: false; ret: number };

/** Who a send goes to: a friend/MP/special, or a group the account is still in. */
export function resolveTarget(dir: Directory, toUserName: string): Target {
  const group = dir.group(toUserName);
  if (group) return group.members.includes(0) ? { ok: true, to: group.topic, room: group.topic, group } : { ok: false, ret: NO_GROUP };
  const person = dir.person(toUserName);
  if (!person) return { ok: false, ret: toUserName.startsWith('@@') ? NO_GROUP : NOT_FRIEND };
  if (person.kind === 'self' || person.kind === 'stranger') return { ok: false, ret: NOT_FRIEND };
  return { ok: true, to: person.remarkName || person.nickName, person };
}

/** The `Msg` object of a send body, or undefined when it is missing or has no ToUserName. */
export function sendMsg(body: Record<string, unknown>): (Record<string, unknown> & { ToUserName: string }) | undefined {
  const msg = body['Msg'] as Record<string, unknown> | undefined;
  if (!msg || typeof msg !== 'object' || typeof msg['ToUserName'] !== 'string') return undefined;
  return msg as Record<string, unknown> & { ToUserName: string };
}

/** `{BaseResponse, MsgID, LocalID}`, the answer of every send endpoint (9.1). */
export function sendAnswer(ret: number, msgId = '', localId = ''): SimResponse {
  return wireJsonCompact({ BaseResponse: baseResponse(ret), MsgID: msgId, LocalID: localId });
}

export const sendFailure = (ret: number): Record<string, unknown> => ({ BaseResponse: baseResponse(ret), MsgID: '', LocalID: '' });

/** Records an accepted send for `sent()` and returns it (with a fresh server MsgID). */
export function recordSend(
  core: SimCore,
  session: Session,
  msg: Record<string, unknown> & { ToUserName: string },
  target: { to: string; room?: string },
  type: number,
  extra: Partial<SentRecord> = {},
): SentRecord {
  const localId = String(msg['LocalID'] ?? msg['ClientMsgId'] ?? '');
  const record: SentRecord = {
    msgId: core.rng.msgId(),
    localId,
    clientMsgId: String(msg['ClientMsgId'] ?? localId),
    type,
    content: typeof msg['Content'] === 'string' ? msg['Content'] : '',
    fromUserName: session.directory.selfUserName,
    toUserName: msg.ToUserName,
    to: target.to,
    at: core.clock.now(),
    ...extra,
  };
  if (target.room !== undefined) record.room = target.room;
  core.sent.push(record);
  return record;
}

/** What a send resolved to, before it is recorded and echoed. */
export interface ResolvedSend {
  type: number;
  /** Extra fields of the `sent()` record (media sends: mediaId, fileName, size, md5). */
  extra?: Partial<SentRecord>;
  /** The echo entry (webwxsync AddMsgList, FromUserName = self). */
  echo(scope: MessageScope, record: SentRecord): WireEntry;
  /** Runs once the record has its MsgID (e.g. registers what downloads of the echo serve). */
  recorded?(msgId: string): void;
}

/** Answers a Ret (refusal) or what to record and echo. */
export type SendResolver = (core: SimCore, session: Session, msg: Record<string, unknown> & { ToUserName: string }) => ResolvedSend | number;

/**
 * Every send endpoint: auth, the `Msg` object, target rules (1204/1201), the endpoint's own
 * checks (`resolve`), then record for `sent()`, echo in a later webwxsync, answer MsgID/LocalID.
 */
export function sendRoute(resolve: SendResolver) {
  return jsonApi({
    needBaseRequest: true,
    compact: true,
    failure: sendFailure,
    handle: (core, _ctx, session, body) => {
      const msg = sendMsg(body);
      if (!msg) return sendAnswer(BAD_REQUEST);
      const dir = session.directory;
      const target = resolveTarget(dir, msg.ToUserName);
      if (!target.ok) return sendAnswer(target.ret);
      const resolved = resolve(core, session, msg);
      if (typeof resolved === 'number') return sendAnswer(resolved);
      const record = recordSend(core, session, msg, target, resolved.type, resolved.extra);
      resolved.recorded?.(record.msgId);
      const scope: MessageScope = { rng: core.rng, msgId: record.msgId, from: dir.selfUserName, to: msg.ToUserName, prefix: '' };
      publishEntry(core, session, resolved.echo(scope, record));
      return sendAnswer(0, record.msgId, record.localId);
    },
  });
}

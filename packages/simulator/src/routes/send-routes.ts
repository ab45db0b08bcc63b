import type { Group, Person } from '../contacts/address-book';
import type { SentRecord } from '../core';
import { makeEntry } from '../messages/entry';
import { toWireText } from '../messages/text';
import { wireJsonCompact } from '../util/response';
import { baseResponse, jsonApi } from './json-api';

// Codes (protocol.md 9.1, 14): 1204 not a friend / self, 1201 no such group, 1200 unparsable request.
const NOT_FRIEND = 1204;
const NO_GROUP = 1201;
const BAD_REQUEST = 1200;

type Target = { ok: true; to: string; room?: string } | { ok: false; ret: number };

function target(person: Person | undefined, group: Group | undefined, toUserName: string): Target {
  if (group) return { ok: true, to: group.topic, room: group.topic };
  if (!person) return { ok: false, ret: toUserName.startsWith('@@') ? NO_GROUP : NOT_FRIEND };
  if (person.kind === 'self' || person.kind === 'stranger') return { ok: false, ret: NOT_FRIEND };
  return { ok: true, to: person.remarkName || person.nickName };
}

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxsendmsg` (protocol.md 9.1/9.2). Records the
 * message (see `sent()`), answers `MsgID`/`LocalID`, and echoes it in a later
 * webwxsync AddMsgList with FromUserName = self (no group prefix).
 */
export const webwxsendmsg = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), MsgID: '', LocalID: '' }),
  handle: (core, _ctx, session, body) => {
    const fail = (ret: number) => wireJsonCompact({ BaseResponse: baseResponse(ret), MsgID: '', LocalID: '' });
    const msg = body['Msg'] as Record<string, unknown> | undefined;
    if (!msg || typeof msg['ToUserName'] !== 'string') return fail(BAD_REQUEST);
    const dir = session.directory;
    const toUserName = msg['ToUserName'];
    const resolved = target(dir.person(toUserName), dir.group(toUserName), toUserName);
    if (!resolved.ok) return fail(resolved.ret);

    const msgId = core.rng.msgId();
    const localId = String(msg['LocalID'] ?? msg['ClientMsgId'] ?? '');
    const type = Number(msg['Type'] ?? 1);
    const content = typeof msg['Content'] === 'string' ? msg['Content'] : '';
    const record: SentRecord = {
      msgId,
      localId,
      clientMsgId: String(msg['ClientMsgId'] ?? localId),
      type,
      content,
      fromUserName: dir.selfUserName,
      toUserName,
      to: resolved.to,
      at: Date.now(),
    };
    if (resolved.room !== undefined) record.room = resolved.room;
    core.sent.push(record);

    const entry = makeEntry(msgId, { FromUserName: dir.selfUserName, ToUserName: toUserName, MsgType: type, Content: toWireText(content) });
    session.messages.set(msgId, entry);
    core.publish(session, { kind: 'msg', entry });
    return wireJsonCompact({ BaseResponse: baseResponse(), MsgID: msgId, LocalID: localId });
  },
});

import * as system from '../messages/system-messages';
import { publishEntry } from '../messages/publish';
import { wording } from '../messages/wording';
import { wireJsonCompact } from '../util/response';
import { baseResponse, jsonApi } from './json-api';
import { BAD_PARAM } from './send-common';

/** Messages can be revoked for 2 minutes after the send (docs/protocol.md 9.9, edge 33). */
export const REVOKE_WINDOW_MS = 2 * 60 * 1000;

const answer = (ret: number, introduction = '', sysWording = '') =>
  wireJsonCompact({ BaseResponse: baseResponse(ret), Introduction: introduction, SysWording: sysWording });

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxrevokemsg`
 * `{BaseRequest, SvrMsgId, ToUserName, ClientMsgId}` (9.9). Within 2 minutes
 * of the send (simulator clock, see `advanceClock`): Ret 0 with the exact
 * Introduction/SysWording texts; the record in `sent()` gets `revoked: true`
 * and a 10002 notice "你撤回了一条消息" (FromUserName self) follows in webwxsync,
 * as the account's other devices see it. Later, or a second time: Ret -1
 * with empty texts. Unknown SvrMsgId, another chat's ToUserName, or no
 * ClientMsgId field → Ret 1 [UNSURE]. The ClientMsgId value is not checked
 * (clients pass a fresh one and it works).
 */
export const webwxrevokemsg = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), Introduction: '', SysWording: '' }),
  handle: (core, _ctx, session, body) => {
    const svrMsgId = String(body['SvrMsgId'] ?? '');
    const record = core.sent.find((r) => r.msgId === svrMsgId && r.fromUserName === session.directory.selfUserName);
    if (!record || body['ToUserName'] !== record.toUserName || body['ClientMsgId'] === undefined) return answer(BAD_PARAM);
    const now = core.clock.now();
    if (record.revoked || now - record.at > REVOKE_WINDOW_MS) return answer(-1);
    record.revoked = true;
    record.revokedAt = now;
    const dir = session.directory;
    const chat = dir.resolve(record.toUserName);
    const chatId = chat?.type === 'group' ? core.book.groups[chat.index]?.wxid : chat ? core.book.people[chat.index]?.wxid : undefined;
    const scope = { rng: core.rng, msgId: core.rng.msgId(), from: dir.selfUserName, to: record.toUserName, prefix: '' };
    publishEntry(core, session, system.recallMessage(scope, chatId ?? record.toUserName, record.msgId, wording.youRecalled(session.lang)));
    return answer(0, wording.revokeIntroduction, wording.revokeSysWording);
  },
});

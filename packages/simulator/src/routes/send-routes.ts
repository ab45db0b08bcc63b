import { makeEntry } from '../messages/entry';
import { publishEntry } from '../messages/publish';
import { toWireText } from '../messages/text';
import { jsonApi } from './json-api';
import { BAD_REQUEST, recordSend, resolveTarget, sendAnswer, sendFailure, sendMsg } from './send-common';

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxsendmsg` (protocol.md 9.1/9.2). Records the
 * message (see `sent()`), answers `MsgID`/`LocalID`, and echoes it in a later
 * webwxsync AddMsgList with FromUserName = self (no group prefix).
 */
export const webwxsendmsg = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure: sendFailure,
  handle: (core, _ctx, session, body) => {
    const msg = sendMsg(body);
    if (!msg) return sendAnswer(BAD_REQUEST);
    const dir = session.directory;
    const target = resolveTarget(dir, msg.ToUserName);
    if (!target.ok) return sendAnswer(target.ret);
    const type = Number(msg['Type'] ?? 1);
    const record = recordSend(core, session, msg, target, type);
    publishEntry(core, session, makeEntry(record.msgId, { FromUserName: dir.selfUserName, ToUserName: msg.ToUserName, MsgType: type, Content: toWireText(record.content) }));
    return sendAnswer(0, record.msgId, record.localId);
  },
});

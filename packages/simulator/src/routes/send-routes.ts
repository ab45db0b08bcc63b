import { makeEntry } from '../messages/entry';
import { toWireText } from '../messages/text';
import { sendRoute } from './send-common';

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxsendmsg` (docs/protocol.md 9.1/9.2). Records the
 * message (see `sent()`), answers `MsgID`/`LocalID`, and echoes it in a later
 * webwxsync AddMsgList with FromUserName = self (no group prefix).
 */
export const webwxsendmsg = sendRoute((_core, _session, msg) => ({
  type: Number(msg['Type'] ?? 1),
  echo: (scope, record) => makeEntry(scope.msgId, { FromUserName: scope.from, ToUserName: scope.to, MsgType: record.type, Content: toWireText(record.content) }),
}));

import { makeEntry } from '../messages/entry';
import { toWireText } from '../messages/text';
import { LOCATION_SEND_TYPE, locationEcho, parseSentLocation } from './location-send';
import { BAD_PARAM, sendRoute } from './send-common';

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxsendmsg` (docs/protocol.md 9.1/9.2). Records the
 * message (see `sent()`), answers `MsgID`/`LocalID`, and echoes it in a later
 * webwxsync AddMsgList with FromUserName = self (no group prefix). A Type 48 (a forwarded
 * location, 9.10) must carry a `<location x y …/>` XML (else Ret 1) and echoes as a received
 * location does: MsgType 1 + SubMsgType 48 with the sent XML as OriContent.
 */
export const webwxsendmsg = sendRoute((_core, _session, msg) => {
  const type = Number(msg['Type'] ?? 1);
  if (type === LOCATION_SEND_TYPE) {
    const location = parseSentLocation(typeof msg['Content'] === 'string' ? msg['Content'] : '');
    if (!location) return BAD_PARAM;
    return { type, echo: (scope) => locationEcho(scope, location) };
  }
  return {
    type,
    echo: (scope, record) => makeEntry(scope.msgId, { FromUserName: scope.from, ToUserName: scope.to, MsgType: record.type, Content: toWireText(record.content) }),
  };
});

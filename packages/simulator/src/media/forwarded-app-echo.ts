import * as chat from '../messages/chat-messages';
import { makeEntry, type WireEntry } from '../messages/entry';
import { toWireText } from '../messages/text';
import { escapeXmlPayload } from '../messages/xml';
import type { AppMsgFields } from './appmsg-xml';

/**
 * The echo of a webwxsendappmsg other than a file (a link card, a forwarded mini-program …;
 * docs/protocol.md 9.8/9.10): MsgType 49 with the AppMsgType sent, Content the sent `<appmsg>`
 * inside a `<msg>` as received app messages have it (escaped), FileName the title, Url the
 * link. Cards with a title and a URL show a thumbnail (ImgStatus 2), served by webwxgetmsgimg.
 */
export function forwardedAppEcho(s: chat.MessageScope, type: number, app: AppMsgFields): WireEntry {
  if (app.appmsg === '') return { ...chat.linkMessage(s, app.title, app.url, app.description), AppMsgType: type };
  const xml = `<msg>${app.appmsg}<fromusername>${s.from}</fromusername><scene>0</scene><appinfo><version>1</version><appname></appname></appinfo><commenturl></commenturl></msg>`;
  return makeEntry(s.msgId, {
    FromUserName: s.from,
    ToUserName: s.to,
    MsgType: 49,
    Content: escapeXmlPayload(xml),
    ImgStatus: 2,
    AppMsgType: type,
    FileName: toWireText(app.title),
    Url: app.url,
  });
}

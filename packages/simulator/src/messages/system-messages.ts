import { emptyRecommendInfo, makeEntry, type WireEntry } from './entry';
import type { MessageScope } from './chat-messages';
import { toWireName, toWireText } from './text';
import { attr, escapeXmlPayload } from './xml';

/** System line (10000): no group prefix; Status 4 for some notices (e.g. "你已添加了…"). */
export function systemMessage(s: MessageScope, text: string, status = 3): WireEntry {
  return makeEntry(s.msgId, { FromUserName: s.from, ToUserName: s.to, MsgType: 10000, Content: toWireText(text), Status: status });
}

/**
 * Recall notice (10002, Status 4) referencing the revoked MsgId (docs/protocol.md
 * 7.4 item 12); `replaceText` is e.g. `"X" 撤回了一条消息` or `你撤回了一条消息`.
 */
export function recallMessage(s: MessageScope, session: string, revokedMsgId: string, replaceText: string): WireEntry {
  const xml = `<sysmsg type="revokemsg"><revokemsg><session>${session}</session><oldmsgid>${s.rng.int(1000000000, 2000000000)}</oldmsgid><msgid>${revokedMsgId}</msgid><replacemsg><![CDATA[${replaceText}]]></replacemsg></revokemsg></sysmsg>`;
  return makeEntry(s.msgId, { FromUserName: s.from, ToUserName: s.to, MsgType: 10002, Content: s.prefix + escapeXmlPayload(xml), Status: 4 });
}

export interface FriendRequestInfo {
  tempUserName: string;
  wxid: string;
  nickName: string;
  greeting: string;
  sex: number;
  province: string;
  city: string;
  alias: string;
  signature: string;
  /** How the requester found the account (the `scene` attribute and RecommendInfo.Scene). */
  scene: number;
  /** The group they found it in (`<n>@chatroom`), or ''. Only the XML carries it (`chatroomusername`). */
  chatRoom: string;
}

/** Friend request (37) from `fmessage`; RecommendInfo.Ticket is what accepting needs. */
export function friendRequestMessage(s: MessageScope, info: FriendRequestInfo): WireEntry {
  const ticket = `v2_${s.rng.hex(64)}@stranger`;
  const xml =
    `<msg fromusername="${attr(info.wxid)}" encryptusername="v1_${s.rng.hex(64)}@stranger" fromnickname="${attr(info.nickName)}" ` +
    `content="${attr(info.greeting)}" shortpy="" imagestatus="3" scene="${info.scene}" country="CN" province="${attr(info.province)}" city="${attr(info.city)}" ` +
    `sign="${attr(info.signature)}" percard="1" sex="${info.sex}" alias="${attr(info.alias)}" weibo="" albumflag="0" albumstyle="0" albumbgimgid="" snsflag="1" ` +
    `bigheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/${s.rng.hex(40)}/0" smallheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/${s.rng.hex(40)}/132" ` +
    `ticket="${ticket}" opcode="2" googlecontact="" qrticket="" chatroomusername="${attr(info.chatRoom)}" sourceusername="" sourcenickname="">` +
    `<brandlist count="0" ver="${s.rng.int(600000000, 700000000)}"></brandlist></msg>`;
  return makeEntry(s.msgId, {
    FromUserName: 'fmessage',
    ToUserName: s.to,
    MsgType: 37,
    Content: escapeXmlPayload(xml),
    Ticket: ticket,
    RecommendInfo: {
      ...emptyRecommendInfo(),
      UserName: info.tempUserName,
      NickName: toWireName(info.nickName),
      Content: info.greeting,
      Signature: info.signature,
      Alias: info.alias,
      Province: info.province,
      City: info.city,
      Scene: info.scene,
      AttrStatus: 4194405,
      Sex: info.sex,
      Ticket: ticket,
      OpCode: 2,
    },
  });
}

/** MsgType 51 for a single chat (codes 1 read, 2 enter, 5 quit). */
export function statusNotifyMessage(s: MessageScope, code: number, chatUserName: string): WireEntry {
  return makeEntry(s.msgId, {
    FromUserName: s.from,
    ToUserName: chatUserName,
    MsgType: 51,
    StatusNotifyCode: code,
    StatusNotifyUserName: chatUserName,
  });
}

/**
 * The MsgType 51 / StatusNotifyCode 4 "sync conversations" message sent after
 * statusnotify Code 3: session UserNames in StatusNotifyUserName and the
 * permanent ids, in the same order, inside the escaped `<op id='4'>` XML.
 */
export function conversationListMessage(s: MessageScope, chats: Array<{ userName: string; wxid: string }>): WireEntry {
  const now = Math.floor(Date.now() / 1000);
  const unread = chats
    .slice(0, 3)
    .map((c, i) => `<chat>\n<username>${c.wxid}</username>\n<lastreadtime>${now - 600 * (i + 1)}</lastreadtime>\n</chat>\n`)
    .join('');
  const xml = `<msg>\n<op id='4'>\n<username>${chats.map((c) => c.wxid).join(',')}</username>\n<unreadchatlist>\n${unread}</unreadchatlist>\n<unreadfunctionlist>\n</unreadfunctionlist>\n</op>\n</msg>`;
  return makeEntry(s.msgId, {
    FromUserName: s.from,
    ToUserName: s.to,
    MsgType: 51,
    Content: escapeXmlPayload(xml).replace(/\n/g, '<br/>'),
    StatusNotifyCode: 4,
    StatusNotifyUserName: chats.map((c) => c.userName).join(','),
  });
}

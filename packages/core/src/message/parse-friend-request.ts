import type { WireMessage } from '@wxbot/wire-types';
import { decodeName } from '../util/decode-text';
import type { FriendRequestInfo } from './types';
import { parseXml, toCount, xmlAttr, xmlChild } from './xml';

/**
 * Reads a friend request (MsgType 37, from `fmessage`; docs/protocol.md 7.4.5).
 * `RecommendInfo` is preferred (it holds the session-scoped UserName and the ticket needed to
 * accept); the `<msg>` attributes fill what it lacks. The XML arrives escaped and its attributes
 * once more (`&amp;quot;`), so after the one decode of Content the XML parser decodes the rest.
 * @example
 * parseFriendRequest(xml, wire).ticket; // 'v2_...@stranger'
 */
export function parseFriendRequest(xml: string, wire: WireMessage): FriendRequestInfo {
  const info = wire.RecommendInfo;
  const msg = xmlChild(parseXml(xml), 'msg');
  return {
    userName: info?.UserName || xmlAttr(msg, 'fromusername'),
    nickName: decodeName(info?.NickName) || xmlAttr(msg, 'fromnickname'),
    greeting: decodeName(info?.Content) || xmlAttr(msg, 'content'),
    ticket: info?.Ticket || xmlAttr(msg, 'ticket'),
    scene: info?.Scene || toCount(xmlAttr(msg, 'scene')) || 0,
    // Only the XML names the group (RecommendInfo has no such field).
    roomId: xmlAttr(msg, 'chatroomusername'),
  };
}

import type { WireMessage } from '@wxbot/wire-types';
import { decodeName } from '../util/decode-text';
import type { CardInfo } from './types';
import { parseXml, xmlAttr, xmlChild } from './xml';

/** VerifyFlag bit of official accounts (MM_USERATTRVERIFYFALG_BIZ_BRAND, docs/protocol.md 13.3). */
const VERIFY_FLAG_BIZ = 8;

/**
 * Reads a shared contact card (MsgType 42; docs/protocol.md 7.4.6). `RecommendInfo` carries the
 * card's temporary UserName; the `<msg>` attributes fill in what it lacks.
 * @example
 * parseCard(xml, wire).isOfficial; // true when VerifyFlag has the brand bit
 */
export function parseCard(xml: string, wire: WireMessage): CardInfo {
  const info = wire.RecommendInfo;
  const msg = xmlChild(parseXml(xml), 'msg');
  const verifyFlag = info?.VerifyFlag ?? 0;
  return {
    userName: info?.UserName || xmlAttr(msg, 'username'),
    nickName: decodeName(info?.NickName) || xmlAttr(msg, 'nickname'),
    alias: info?.Alias || xmlAttr(msg, 'alias'),
    isOfficial: (verifyFlag & VERIFY_FLAG_BIZ) !== 0,
  };
}

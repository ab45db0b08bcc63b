import type { WireMessage } from '@wxbot/wire-types';
import type { StatusInfo } from './types';
import { parseXml, xmlChild, xmlText } from './xml';

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Reads a status notify (MsgType 51; docs/protocol.md 7.5). Empty-Content entries (phone browsing
 * history, edge case 56) simply give an empty `stableIds`.
 * @example
 * parseStatus(xml, wire); // { code: 4, userNames: ['@a', 'filehelper'], stableIds: ['wxid_a', 'filehelper'] }
 */
export function parseStatus(xml: string, wire: WireMessage): StatusInfo {
  const op = xmlChild(parseXml(xml), 'msg', 'op');
  return {
    code: wire.StatusNotifyCode ?? 0,
    userNames: splitList(wire.StatusNotifyUserName ?? ''),
    stableIds: splitList(xmlText(op, 'username')),
  };
}

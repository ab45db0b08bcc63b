import type { RecallInfo } from './types';
import { parseXml, xmlChild, xmlText } from './xml';

/**
 * Reads a recall notice (MsgType 10002; docs/protocol.md 7.4.12, edge case 34):
 * `<sysmsg type="revokemsg"><revokemsg>...<msgid>ID</msgid><replacemsg><![CDATA[...]]>...`.
 * Falls back to regexes when the XML is broken, since the revoked id is what matters.
 * `revokedId` '0' means "the last message you sent" (official client).
 * @example
 * parseRecall(xml).revokedId; // '1234567890123456789'
 */
export function parseRecall(xml: string): RecallInfo {
  const revoke = xmlChild(parseXml(xml), 'sysmsg', 'revokemsg');
  const revokedId =
    xmlText(revoke, 'msgid') || /<msgid>\s*(\d+)\s*<\/msgid>/.exec(xml)?.[1] || '';
  const notice =
    xmlText(revoke, 'replacemsg') ||
    /<replacemsg>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/replacemsg>/.exec(xml)?.[1] ||
    '';
  return { revokedId: revokedId.trim(), notice: notice.trim() };
}

import type { WireContact } from '@wxbot/wire-types';
import type { ContactKind } from './types';

/** The official client's special users (docs/protocol.md 13.3) plus the ones bots add. */
const SPECIAL_USERS: ReadonlySet<string> = new Set([
  'weibo', 'qqmail', 'fmessage', 'tmessage', 'qmessage', 'qqsync', 'floatbottle', 'lbsapp', 'shakeapp',
  'medianote', 'qqfriend', 'readerapp', 'blogapp', 'facebookapp', 'masssendapp', 'meishiapp', 'feedsapp',
  'voip', 'blogappweixin', 'weixin', 'brandsessionholder', 'weixinreminder', 'wxid_novlwrv3lqwv11',
  'gh_22b87fa7cb3c', 'officialaccounts', 'notification_messages', 'newsapp', 'filehelper', 'wxitil',
  'userexperience_alarm', 'notifymessage',
]);

/** ContactFlag bits (docs/protocol.md 13.4). */
export const ContactFlag = {
  CONTACT: 0x01,
  CHATCONTACT: 0x02,
  CHATROOMCONTACT: 0x04,
  BLACKLIST: 0x08,
  TOPCONTACT: 0x800,
} as const;

/** VerifyFlag bit of official accounts (MM_USERATTRVERIFYFALG_BIZ_BRAND). */
export const VERIFY_FLAG_BRAND = 8;

/**
 * True for group UserNames: `@@…` in the web protocol, `…@chatroom` for permanent ids.
 * @example
 * isGroupUserName('@@abc'); // true
 */
export function isGroupUserName(id: string): boolean {
  return id.startsWith('@@') || id.endsWith('@chatroom');
}

export function isSpecialUserName(id: string): boolean {
  return SPECIAL_USERS.has(id);
}

/** Tell friends, groups, official accounts, special users and strangers apart. */
export function classifyContact(wire: Pick<WireContact, 'UserName' | 'ContactFlag' | 'VerifyFlag'>, selfId: string): ContactKind {
  const id = wire.UserName;
  if (id === selfId) return 'self';
  if (isGroupUserName(id)) return 'group';
  if (isSpecialUserName(id)) return 'special';
  if ((wire.VerifyFlag & VERIFY_FLAG_BRAND) !== 0) return 'official';
  if ((wire.ContactFlag & ContactFlag.CONTACT) !== 0) return 'friend';
  return 'stranger';
}

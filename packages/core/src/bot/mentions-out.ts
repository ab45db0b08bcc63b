import { mentionMsgSource } from '@wxbot/protocol';
import type { ContactStore } from '../contacts/contact-store';
import { isGroupUserName } from '../contacts/classify';
import { WxbotError } from '../errors/wxbot-error';

/** U+2005 FOUR-PER-EM SPACE: what the official clients put after an @name (docs/protocol.md 9.4). */
const MENTION_SPACE = '\u2005';

/**
 * A text payload that @-mentions group members: `@<group display name or nickname>` + U+2005
 * before the text for each member, and the msgsource the official client sends.
 */
export function withMentions(store: ContactStore, room: string, text: string, memberIds: readonly string[]): { to: string; text: string; msgSource: string } {
  if (!isGroupUserName(room)) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `mentions only work in groups; ${room} is not a group`);
  const group = store.group(room);
  // By UserName, or by group alias or nickname (Group.member); the msgsource names UserNames.
  const members = memberIds.map((id) => {
    const m = group?.member(id);
    if (!m) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `cannot mention ${id}: not a known member of ${group?.name ?? room}`);
    return m;
  });
  const names = members.map((m) => `@${m.name}${MENTION_SPACE}`);
  return { to: room, text: `${names.join('')}${text}`, msgSource: mentionMsgSource(members.map((m) => m.id), room) };
}

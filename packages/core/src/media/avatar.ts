import { getAvatar, type AvatarRef, type SessionContext } from '@wxbot/protocol';
import { isGroupUserName } from '../contacts/classify';
import type { ContactStore } from '../contacts/contact-store';
import type { ContactDirectory } from '../contacts/types';
import { WxbotError } from '../errors/wxbot-error';
import type { Avatar, AvatarOptions } from '../pipeline/types';
import { fetchByUserName } from '../session/contact-loader';

/**
 * Which avatar request to make (docs/protocol.md 8.6): groups by UserName (webwxgetheadimg);
 * members of a group who are not contacts in the member form (`chatroomid` = the group's
 * EncryChatRoomId; its UserName while that is unknown, which `fetchAvatar` then fetches), the
 * group found by itself when no `room` is given; friend-request and card senders with the
 * message's `msgid`; contacts with their HeadImgUrl.
 */
export function avatarRef(contacts: ContactDirectory, id: string, o: AvatarOptions = {}): AvatarRef {
  const big = o.big === true ? { big: true } : {};
  if (isGroupUserName(id)) return { userName: id, ...big };
  if (o.room !== undefined) {
    const group = contacts.group(o.room);
    if (!group) throw new WxbotError('WXBOT_UNKNOWN_CHAT', `no group ${o.room} is known to this session; look it up again with bot.contacts.findGroups(topic)`);
    if (!group.members.some((m) => m.id === id)) {
      throw new WxbotError('WXBOT_INVALID_ARGUMENT', `${id} is not a member of group "${group.name}"; pass the group the member is in as { room }`);
    }
    return { userName: id, chatRoomId: group.encryChatRoomId || group.id, ...big };
  }
  if (o.msgId !== undefined) return { userName: id, msgId: o.msgId, ...big };
  const contact = contacts.contact(id);
  if (contact?.avatarPath) return { headImgUrl: contact.avatarPath, ...big };
  if (!contact) {
    const group = contacts.groups().find((g) => g.members.some((m) => m.id === id));
    if (group) return { userName: id, chatRoomId: group.encryChatRoomId || group.id, ...big };
  }
  return { userName: id, ...big };
}

/**
 * The avatar of a contact, group or group member: its bytes and real type (sniffed: the server
 * labels everything image/jpeg). An empty answer is `WXBOT_AVATAR_UNAVAILABLE`.
 */
export async function fetchAvatar(ctx: SessionContext, contacts: ContactStore, id: string, o: AvatarOptions = {}): Promise<Avatar> {
  let ref = avatarRef(contacts, id, o);
  if ('chatRoomId' in ref && ref.chatRoomId !== undefined && isGroupUserName(ref.chatRoomId)) {
    // The group's EncryChatRoomId is not known yet (webwxinit lists groups without it): fetch the
    // group once (webwxbatchgetcontact fills it), as the member form wants that id.
    await fetchByUserName(ctx, contacts, [ref.chatRoomId], undefined, o.signal);
    ref = avatarRef(contacts, id, o);
  }
  const got = await getAvatar(ctx, ref, o.signal ? { signal: o.signal } : undefined);
  if (got.empty) {
    const how = 'chatRoomId' in ref || 'msgId' in ref ? '' : `; for someone who is not a contact pass the group they are in ({ room }) or the message that carried them ({ msgId })`;
    throw new WxbotError('WXBOT_AVATAR_UNAVAILABLE', `the server sent no avatar for ${id}${how}`, { id });
  }
  return Object.freeze({ bytes: got.bytes, mime: got.type.mime, ext: got.type.ext });
}

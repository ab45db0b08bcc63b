import { shouldInvite } from '@wxbot/protocol';
import type { CreateChatroomResult } from '@wxbot/protocol';
import type { ContactStore } from '../contacts/contact-store';
import { tagFor, tagOf } from '../contacts/identity-match';
import type { Group } from '../contacts/types';
import { WxbotError } from '../errors/wxbot-error';
import type { FriendActions, RoomActions } from '../pipeline/types';
import type { Submit } from './action-kinds';
import type { FriendRequestBook } from './friend-requests';

export interface ActionDeps {
  submit: Submit;
  store: ContactStore;
  /** The friend requests of this session and what was done with them. */
  requests: FriendRequestBook;
  inviteStartCount(): number;
  /** Fetch groups by UserName into the store (batchgetcontact). */
  fetch(ids: string[]): Promise<void>;
}

export function friendActions(d: ActionDeps): FriendActions {
  return {
    accept: async (r) => {
      await d.submit({ kind: 'verify-user', key: r.userName, risky: true, payload: { opcode: 3, userName: r.userName, ticket: r.ticket, content: '' } });
      d.requests.settle(r, 'accepted');
    },
    // Same endpoint and shape as accepting (docs/protocol.md 10.2), so the same kind: one breaker for
    // webwxverifyuser. Not `risky`: refusing adds nobody to the account.
    reject: async (r) => {
      if (!r.ticket) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `the friend request of ${r.userName} has no ticket; reject the request object of the friendship event or message`);
      await d.submit({ kind: 'verify-user', key: r.userName, payload: { opcode: 4, userName: r.userName, ticket: r.ticket, content: '' } });
      d.requests.settle(r, 'rejected');
    },
    ignore: (r) => d.requests.settle(r, 'ignored'),
    pending: () => d.requests.pending(),
    add: async (userName, greeting) => {
      await d.submit({ kind: 'verify-user', key: userName, risky: true, payload: { opcode: 2, userName, ticket: '', content: greeting } });
    },
    setRemark: async (userName, remark) => {
      await d.submit({ kind: 'remark', key: userName, payload: { userName, remark } });
    },
    setPinned: async (userName, pinned) => {
      const remark = d.store.contact(userName)?.remarkName ?? '';
      await d.submit({ kind: 'pin', key: userName, payload: { userName, pinned, remark } });
    },
    tag: async (userName) => {
      const c = d.store.contact(userName);
      if (!c || c.kind !== 'friend') throw new WxbotError('WXBOT_UNKNOWN_CHAT', `friends.tag: ${userName} is not a friend in this session; only friends have remark names`, { userName });
      const existing = tagOf(c.remarkName);
      if (existing) return existing;
      const tag = tagFor(c.stableId || userName);
      // The official client keeps remarks to ~18 characters: 10 of the name, a space, # and the tag.
      const remark = `${[...(c.remarkName || c.nickName)].slice(0, 10).join('').trim()} #${tag}`;
      await d.submit({ kind: 'remark', key: userName, payload: { userName, remark } });
      return tag;
    },
  };
}

/**
 * Group announcements (群公告) live on the phone apps' protocol only: webwx contacts carry no such
 * field and webwxupdatechatroom has no fun for it (docs/protocol.md 11.2, 13.1), so nothing is sent.
 */
function announcementNotOnWeb(group: Group, what: 'read' | 'set'): WxbotError {
  return new WxbotError(
    'WXBOT_NOT_ON_WEB',
    `cannot ${what} the announcement of "${group.name}": the web protocol has no group announcements (no contact field, no webwxupdatechatroom fun); use the phone, or post the text as a message`,
    { room: group.id },
  );
}

export function roomActions(d: ActionDeps): RoomActions {
  const group = (room: string): Group => {
    const g = d.store.group(room);
    if (!g) throw new WxbotError('WXBOT_UNKNOWN_CHAT', `no group ${room} is known to this session`);
    return g;
  };
  return {
    create: async (userNames, topic = '') => {
      if (userNames.length < 2) throw new WxbotError('WXBOT_INVALID_ARGUMENT', `a group needs at least two other members, got ${userNames.length}`);
      const r: CreateChatroomResult = await d.submit({ kind: 'create-room', key: 'rooms', risky: true, payload: { userNames: [...userNames], topic } });
      await d.fetch([r.chatRoomName]);
      return group(r.chatRoomName);
    },
    add: async (room, userNames) => {
      const invite = shouldInvite(d.store.group(room)?.memberCount ?? 0, userNames.length, d.inviteStartCount());
      await d.submit({ kind: 'add-members', key: room, risky: true, payload: { room, userNames: [...userNames], invite } });
    },
    remove: async (room, userNames) => {
      await d.submit({ kind: 'remove-members', key: room, payload: { room, userNames: [...userNames] } });
    },
    rename: async (room, topic) => {
      await d.submit({ kind: 'rename-room', key: room, payload: { room, topic } });
    },
    quit: async (room) => {
      await d.submit({ kind: 'quit-room', key: room, payload: { room } });
    },
    announcement: async (room) => {
      throw announcementNotOnWeb(group(room), 'read');
    },
    setAnnouncement: async (room) => {
      throw announcementNotOnWeb(group(room), 'set');
    },
  };
}

import { shouldInvite } from '@wxbot/protocol';
import type { CreateChatroomResult } from '@wxbot/protocol';
import type { ContactStore } from '../contacts/contact-store';
import type { Group } from '../contacts/types';
import { WxbotError } from '../errors/wxbot-error';
import type { FriendRequestInfo } from '../message/types';
import type { OutboxAction } from '../outbox/types';

/** Friend and contact operations (webwxverifyuser, webwxoplog). */
export interface FriendActions {
  /** Accept a friend request (Opcode 3 with the request's ticket). */
  accept(request: FriendRequestInfo): Promise<void>;
  /** Send a friend request (Opcode 2), e.g. to a group member. Strictly rate-limited by the server. */
  add(userName: string, greeting: string): Promise<void>;
  /** Set the remark name (CmdId 2). */
  setRemark(userName: string, remark: string): Promise<void>;
  /** Pin or unpin a chat (CmdId 3), keeping the remark (the server wipes it otherwise). */
  setPinned(userName: string, pinned: boolean): Promise<void>;
}

/** Group operations (webwxcreatechatroom, webwxupdatechatroom). */
export interface RoomActions {
  /** Create a group with at least two other people; resolves with the new group. */
  create(userNames: readonly string[], topic?: string): Promise<Group>;
  /** Add members; uses invitemember instead of addmember once the group is large (InviteStartCount). */
  add(room: string, userNames: readonly string[]): Promise<void>;
  /** Remove members (owner only). */
  remove(room: string, userNames: readonly string[]): Promise<void>;
  rename(room: string, topic: string): Promise<void>;
  /** Leave the group. */
  quit(room: string): Promise<void>;
}

export interface ActionDeps {
  submit<R>(action: OutboxAction): Promise<R>;
  store: ContactStore;
  inviteStartCount(): number;
  /** Fetch groups by UserName into the store (batchgetcontact). */
  fetch(ids: string[]): Promise<void>;
}

export function friendActions(d: ActionDeps): FriendActions {
  return {
    accept: async (r) => {
      await d.submit({ kind: 'verify-user', key: r.userName, risky: true, payload: { opcode: 3, userName: r.userName, ticket: r.ticket, content: '' } });
    },
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
  };
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
      const r = await d.submit<CreateChatroomResult>({ kind: 'create-room', key: 'rooms', risky: true, payload: { userNames: [...userNames], topic } });
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
  };
}

import type { Contact, Group, GroupMember } from '../contacts/types';
import type { NameRef, SystemNotice } from './system-text';

/** Someone joined a group. `inviter`/`via` come from the system line when the batch had one. */
export interface RoomJoinEvent {
  room: Group;
  members: GroupMember[];
  inviter?: NameRef;
  via?: 'invite' | 'qr';
}

/** Someone left a group, or was removed; `self` when it is the bot. */
export interface RoomLeaveEvent {
  room: Group;
  /** Members who left (as they were before leaving); empty when only the bot left and nothing else is known. */
  members: GroupMember[];
  self: boolean;
  remover?: NameRef;
}

export interface RoomTopicEvent {
  room: Group;
  topic: string;
  previous: string;
  changer?: NameRef;
}

/** A friend was added (request accepted either way) or a contact changed. */
export interface ContactChangeEvent {
  contact: Contact;
  previous: Contact | undefined;
  /** True when the contact became a friend in this change. */
  becameFriend: boolean;
}

export type ChangeEvent =
  | { name: 'room-join'; event: RoomJoinEvent }
  | { name: 'room-leave'; event: RoomLeaveEvent }
  | { name: 'room-topic'; event: RoomTopicEvent }
  | { name: 'contact'; event: ContactChangeEvent };

export interface ChangeInput {
  selfId: string;
  /** Groups touched by this batch (ModContactList/DelContactList), as they were before it. */
  groupsBefore: ReadonlyMap<string, Group | undefined>;
  /** Contacts touched by this batch, as they were before it. */
  contactsBefore: ReadonlyMap<string, Contact | undefined>;
  /** The same ids after the batch was applied (undefined: deleted). */
  groupAfter(id: string): Group | undefined;
  contactAfter(id: string): Contact | undefined;
  /** System lines of this batch, by group. */
  notices: ReadonlyArray<{ roomId: string; notice: SystemNotice }>;
}

function noticeFor<T extends SystemNotice['type']>(input: ChangeInput, roomId: string, type: T): Extract<SystemNotice, { type: T }> | undefined {
  return input.notices.find((n) => n.roomId === roomId && n.notice.type === type)?.notice as Extract<SystemNotice, { type: T }> | undefined;
}

function roomEvents(input: ChangeInput, id: string, before: Group | undefined): ChangeEvent[] {
  const after = input.groupAfter(id);
  const out: ChangeEvent[] = [];
  // A group seen for the first time has no "before": nothing changed as far as we know.
  if (!before) return out;
  const selfGone = !after || (after.members.length > 0 && !after.member(input.selfId) && !!before.member(input.selfId));
  if (selfGone) {
    const removed = noticeFor(input, id, 'self-removed');
    const self = before.member(input.selfId);
    out.push({ name: 'room-leave', event: { room: before, members: self ? [self] : [], self: true, ...(removed ? { remover: { self: false, name: removed.remover } } : {}) } });
    return out;
  }
  if (!after) return out;
  // Member lists are only comparable when both sides were fetched.
  if (before.members.length > 0 && after.members.length > 0) {
    const joined = after.members.filter((m) => !before.member(m.id));
    const left = before.members.filter((m) => !after.member(m.id));
    if (joined.length > 0) {
      const join = noticeFor(input, id, 'join');
      out.push({ name: 'room-join', event: { room: after, members: joined, ...(join ? { inviter: join.inviter, via: join.via } : {}) } });
    }
    if (left.length > 0) {
      const leave = noticeFor(input, id, 'leave');
      out.push({ name: 'room-leave', event: { room: after, members: left, self: false, ...(leave ? { remover: leave.remover } : {}) } });
    }
  }
  if (after.topic !== before.topic) {
    const topic = noticeFor(input, id, 'topic');
    out.push({ name: 'room-topic', event: { room: after, topic: after.topic, previous: before.topic, ...(topic ? { changer: topic.changer } : {}) } });
  }
  return out;
}

/**
 * Events of one sync batch. ModContactList/DelContactList are the authority on membership and
 * topics (one event per change); the batch's system lines only add who did it. A change that
 * arrives as a system line alone (no contact update) fires nothing here: it is still delivered
 * to plugins as a 'system' message.
 */
export function changeEvents(input: ChangeInput): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  for (const [id, before] of input.groupsBefore) out.push(...roomEvents(input, id, before));
  for (const [id, before] of input.contactsBefore) {
    const after = input.contactAfter(id);
    if (!after || after.kind === 'self') continue;
    const becameFriend = after.kind === 'friend' && before?.kind !== 'friend';
    if (before || becameFriend) out.push({ name: 'contact', event: { contact: after, previous: before, becameFriend } });
  }
  return out;
}

import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import { publishSystemLine } from '../messages/publish';
import { wording } from '../messages/wording';
import type { Session } from '../session/session';
import type { Group, Person } from './address-book';
import { modGroupContact } from './wire-contact';

/**
 * Group membership changes as the server reports them (docs/protocol.md 11,
 * edge 39): a ModContactList entry with the full new MemberList and
 * ChatRoomOwner, plus (when the account is meant to see one) a 10000 line
 * from the group in the session's language.
 */

/** Publishes the group's current state (ModContactList, selector 4). */
export function publishGroup(core: SimCore, session: Session, group: Group): void {
  core.publish(session, { kind: 'mod', contact: modGroupContact(session.directory, group, session.skey, session.uin) });
}

function line(core: SimCore, session: Session, group: Group, text: string): void {
  publishSystemLine(core, session, session.directory.groupUserName(group), text);
}

const names = (people: Person[]): string[] => people.map((p) => p.nickName);

/** The account added/invited members (webwxcreatechatroom, updatechatroom add/invite): `你邀请"B"加入了群聊  `. */
export function addMembersBySelf(core: SimCore, session: Session, group: Group, people: Person[]): void {
  for (const p of people) if (!group.members.includes(p.index)) group.members.push(p.index);
  publishGroup(core, session, group);
  line(core, session, group, wording.youInvited(session.lang, names(people)));
}

/** The account removed members (updatechatroom delmember): `你将"B"移出了群聊`. */
export function removeMembersBySelf(core: SimCore, session: Session, group: Group, people: Person[]): void {
  const gone = new Set(people.map((p) => p.index));
  group.members = group.members.filter((m) => !gone.has(m));
  publishGroup(core, session, group);
  line(core, session, group, wording.youRemoved(session.lang, names(people)));
}

/**
 * The account quits (updatechatroom quitchatroom): the group leaves the
 * contact list (DelContactList) and nobody is told [UNSURE: no 10000 line].
 */
export function quitGroup(core: SimCore, session: Session, group: Group): void {
  group.members = group.members.filter((m) => m !== 0);
  core.publish(session, { kind: 'del', entry: { UserName: session.directory.groupUserName(group), ContactFlag: 0 } });
}

/** Input of `joinRoom` / `POST /__sim/rooms/join`. */
export interface JoinInput {
  /** Group topic. */
  room: string;
  /** Nickname/wxid of a friend or stranger; an unknown name becomes a new stranger. */
  member: string;
  /** Who invited them or shared the QR code: a member's nickname, or "self"; default the owner. */
  by?: string;
  via?: 'invite' | 'qr';
  /** QR joins only: the `" B"` variant with a leading space inside the quotes (edge 53). */
  leadingSpace?: boolean;
}

/** Input of `leaveRoom` / `POST /__sim/rooms/leave`. */
export interface LeaveInput {
  room: string;
  /** The member who leaves; "self" (or the account's nickname) = the account is removed. */
  member: string;
  /** Who removed them (a member, or "self"); absent = they left by themselves. */
  by?: string;
}

function findGroup(core: SimCore, topic: unknown): Group {
  if (typeof topic !== 'string' || topic === '') throw new SimulatorError('"room" (group topic) is required');
  const group = core.book.findGroup(topic);
  if (!group) throw new SimulatorError(`unknown group "${topic}"; known groups: ${core.book.knownNames('group').join(', ')}`, 404);
  return group;
}

/** "self" or the account's own names → index 0; else a member of the group. */
function actor(core: SimCore, group: Group, name: string | undefined): Person {
  if (name === undefined) return core.book.people[group.owner] ?? core.book.self;
  const self = core.book.self;
  if (name === 'self' || name === self.nickName || name === self.wxid) return self;
  const p = core.book.findPerson(name);
  if (!p || !group.members.includes(p.index)) throw new SimulatorError(`"${name}" is not a member of "${group.topic}"`, 404);
  return p;
}

/**
 * Someone joins a group by invitation or QR code (membership change done by
 * others): ModContactList + `"A"邀请"B"加入了群聊` / `你邀请"B"加入了群聊  `
 * (invited from the account's phone) / `"B"通过扫描"A"分享的二维码加入群聊` /
 * `"B"通过扫描你分享的二维码加入群聊  `.
 */
export function joinRoom(core: SimCore, input: JoinInput): void {
  const session = core.requireSession();
  const group = findGroup(core, input.room);
  if (!group.members.includes(0)) throw new SimulatorError(`the account is not a member of "${group.topic}"`, 409);
  if (typeof input.member !== 'string' || input.member === '') throw new SimulatorError('"member" (nickname) is required');
  const member = core.book.findPerson(input.member) ?? core.book.add({ nickName: input.member }, 'stranger', `wxid_${core.rng.hex(14)}`);
  if (member.kind === 'self' || group.members.includes(member.index)) throw new SimulatorError(`"${input.member}" is already a member of "${group.topic}"`, 409);
  const by = actor(core, group, input.by);
  group.members.push(member.index);
  publishGroup(core, session, group);
  const lang = session.lang;
  const self = by.index === 0;
  const text =
    input.via === 'qr'
      ? self
        ? wording.qrJoinedYours(lang, member.nickName)
        : wording.qrJoined(lang, member.nickName, by.nickName, input.leadingSpace === true)
      : self
        ? wording.youInvited(lang, [member.nickName])
        : wording.invited(lang, by.nickName, [member.nickName]);
  line(core, session, group, text);
}

/**
 * Someone leaves or is removed. The account removed by another member:
 * ModContactList whose MemberList no longer holds self, and
 * `你被"A"移出群聊` (the group stays in the chat list, as on the phone).
 * Removed by the account (from its phone): `你将"B"移出了群聊`. Another
 * member removed by someone else, or leaving on their own: ModContactList
 * only — WeChat tells nobody else.
 */
export function leaveRoom(core: SimCore, input: LeaveInput): void {
  const session = core.requireSession();
  const group = findGroup(core, input.room);
  if (typeof input.member !== 'string' || input.member === '') throw new SimulatorError('"member" (nickname or "self") is required');
  const member = actor(core, group, input.member);
  if (member.index === 0) {
    if (!group.members.includes(0)) throw new SimulatorError(`the account is not a member of "${group.topic}"`, 409);
    const by = input.by === undefined ? core.book.people[group.owner] : actor(core, group, input.by);
    if (!by || by.index === 0) throw new SimulatorError('"by" must name the member who removes the account (the owner by default, which must not be self)', 400);
    group.members = group.members.filter((m) => m !== 0);
    publishGroup(core, session, group);
    line(core, session, group, wording.removedYou(session.lang, by.nickName));
    return;
  }
  const by = input.by === undefined ? undefined : actor(core, group, input.by);
  if (by?.index === 0) {
    removeMembersBySelf(core, session, group, [member]);
    return;
  }
  group.members = group.members.filter((m) => m !== member.index);
  publishGroup(core, session, group);
}

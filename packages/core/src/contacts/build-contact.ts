import type { WireContact, WireMember, WireUser } from '@wxbot/wire-types';
import { decodeName } from '../util/decode-text';
import { classifyContact, ContactFlag } from './classify';
import { memberByIdOrName } from './member-lookup';
import { shortHash, type IdentityConfidence } from './identity-match';
import type { Contact, ContactKind, Group, GroupMember } from './types';

/** Where built contacts read their stable id (the identity index, live: it binds after the load). */
export interface IdentityLookup {
  stableIdOf(userName: string): string | undefined;
  confidenceOf(userName: string): IdentityConfidence | undefined;
}

const NO_IDENTITIES: IdentityLookup = { stableIdOf: () => undefined, confidenceOf: () => undefined };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** A Contact from a wire contact (kind decided by the caller or classified). */
export function buildContact(wire: WireContact, selfId: string, kind: ContactKind = classifyContact(wire, selfId), ids: IdentityLookup = NO_IDENTITIES): Contact {
  const nickName = decodeName(wire.NickName);
  const remarkName = decodeName(wire.RemarkName);
  return Object.freeze({
    id: wire.UserName,
    get stableId(): string {
      return ids.stableIdOf(wire.UserName) ?? '';
    },
    get identityConfidence(): IdentityConfidence | undefined {
      return ids.confidenceOf(wire.UserName);
    },
    kind,
    nickName,
    remarkName,
    alias: str(wire.Alias),
    signature: decodeName(wire.Signature),
    sex: num(wire.Sex),
    province: str(wire.Province),
    city: str(wire.City),
    verifyFlag: num(wire.VerifyFlag),
    contactFlag: num(wire.ContactFlag),
    avatarPath: str(wire.HeadImgUrl),
    name: remarkName || nickName,
    raw: wire,
  });
}

/** The self contact from webwxinit's User. */
export function buildSelf(user: WireUser, ids?: IdentityLookup): Contact {
  const wire = { ...user, MemberCount: 0, MemberList: [], OwnerUin: 0, Statues: 0, AttrStatus: 0, Province: '', City: '', Alias: '', UniFriend: 0, DisplayName: '', ChatRoomId: 0, KeyWord: '', EncryChatRoomId: '', IsOwner: 0 } as WireContact;
  return buildContact(wire, user.UserName, 'self', ids);
}

function isStubMember(m: WireMember): boolean {
  return !m.NickName && !m.DisplayName;
}

function buildMember(wire: WireMember, groupId: string, ids: IdentityLookup): GroupMember {
  const nickName = decodeName(wire.NickName);
  const displayName = decodeName(wire.DisplayName);
  return Object.freeze({
    id: wire.UserName,
    // A member who is a known contact has that contact's id; strangers are told apart within
    // their group by nickname (docs/identities.md).
    get stableId(): string {
      const own = ids.stableIdOf(wire.UserName);
      if (own) return own;
      const group = ids.stableIdOf(groupId);
      return group ? `${group}/m:${shortHash(nickName || wire.UserName)}` : '';
    },
    nickName,
    displayName,
    name: displayName || nickName,
    raw: wire,
  });
}

/**
 * A Group from a wire contact. `previous` keeps members we already fetched when this
 * update carries none (webwxgetcontact lists groups with an empty MemberList).
 */
export function buildGroup(wire: WireContact, previous?: Group, ids: IdentityLookup = NO_IDENTITIES): Group {
  const given = Array.isArray(wire.MemberList) ? wire.MemberList : [];
  // webwxinit lists recent groups with stub members (UserName only): those are not a member
  // list, just a count; treat them like the empty list of webwxgetcontact so they get fetched.
  const list = given.every(isStubMember) ? [] : given;
  const members = list.length > 0 || !previous ? list.map((m) => buildMember(m, wire.UserName, ids)) : previous.members;
  const byId = new Map(members.map((m) => [m.id, m]));
  const topic = decodeName(wire.NickName);
  const fallbackName = members.slice(0, 3).map((m) => m.name).filter(Boolean).join(', ');
  return Object.freeze({
    id: wire.UserName,
    get stableId(): string {
      return ids.stableIdOf(wire.UserName) ?? '';
    },
    get identityConfidence(): IdentityConfidence | undefined {
      return ids.confidenceOf(wire.UserName);
    },
    kind: 'group' as const,
    topic,
    name: topic || fallbackName,
    memberCount: Math.max(num(wire.MemberCount), members.length),
    members: Object.freeze(members),
    ownerId: str(wire.ChatRoomOwner) || previous?.ownerId || '',
    encryChatRoomId: str(wire.EncryChatRoomId) || previous?.encryChatRoomId || '',
    saved: (num(wire.ContactFlag) & ContactFlag.CHATROOMCONTACT) !== 0,
    raw: wire,
    member: (idOrName: string) => memberByIdOrName(members, byId, idOrName),
  });
}

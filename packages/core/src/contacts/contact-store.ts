import type { WireContact, WireProfile, WireUser } from '@wxbot/wire-types';
import { WxbotError } from '../errors/wxbot-error';
import { buildContact, buildGroup, buildSelf, type IdentityLookup } from './build-contact';
import type { BindSummary, IdentityIndex, Resolution } from './identity-index';
import { groupSource, personSource } from './identity-match';

/** docs/protocol.md 6.2: BitFlag 190 (PROFILE_BITFLAG_CHANGE) means "apply NickName.Buff / HeadImgUrl". */
const PROFILE_BITFLAG_CHANGE = 190;
import { isGroupUserName } from './classify';
import { findMembers } from './member-lookup';
import type { Contact, ContactDirectory, Group, GroupMember } from './types';

function findBy<T>(items: Iterable<T>, query: string, names: (t: T) => string[]): T[] {
  const exact: T[] = [];
  const partial: T[] = [];
  const q = query.toLowerCase();
  for (const item of items) {
    const ns = names(item).filter(Boolean);
    if (ns.includes(query)) exact.push(item);
    else if (q && ns.some((n) => n.toLowerCase().includes(q))) partial.push(item);
  }
  return exact.length > 0 ? exact : partial;
}

/**
 * The one place contacts and groups live for a session: fed by webwxinit, webwxgetcontact,
 * webwxbatchgetcontact, ModContactList and DelContactList; O(1) lookups by UserName.
 */
export class ContactStore implements ContactDirectory {
  private readonly contactsById = new Map<string, Contact>();
  private readonly groupsById = new Map<string, Group>();
  private selfContact: Contact | undefined;
  private readonly ids: IdentityLookup | undefined;

  /** `identities`: where stable ids live (docs/identities.md); without it every stableId is ''. */
  constructor(readonly identities?: IdentityIndex) {
    this.ids = identities;
  }

  get self(): Contact {
    if (!this.selfContact) throw new Error('ContactStore: self is unknown before webwxinit');
    return this.selfContact;
  }

  setSelf(user: WireUser): void {
    this.selfContact = buildSelf(user, this.ids);
    this.contactsById.set(user.UserName, this.selfContact);
    this.identities?.observe(personSource(this.selfContact, true));
  }

  /**
   * Apply webwxsync's `Profile` delta: with BitFlag 190 the account's nickname (and avatar)
   * changed, e.g. on the phone. Mention detection uses the new name from then on.
   */
  applyProfile(profile: WireProfile | undefined): boolean {
    const self = this.selfContact;
    if (!self || profile?.BitFlag !== PROFILE_BITFLAG_CHANGE) return false;
    const nick = profile.NickName?.Buff;
    const raw = { ...self.raw, ...(nick ? { NickName: nick } : {}), ...(profile.HeadImgUrl ? { HeadImgUrl: profile.HeadImgUrl } : {}) };
    this.selfContact = buildContact(raw, self.id, 'self', this.ids);
    this.contactsById.set(self.id, this.selfContact);
    return true;
  }

  /** Add or replace a contact or group (ModContactList, getcontact, batchgetcontact). */
  upsert(wire: WireContact): void {
    if (!wire || typeof wire.UserName !== 'string' || !wire.UserName) return;
    if (isGroupUserName(wire.UserName)) {
      const group = buildGroup(wire, this.groupsById.get(wire.UserName), this.ids);
      this.groupsById.set(wire.UserName, group);
      this.identities?.observe(groupSource(group));
    } else if (wire.UserName !== this.selfContact?.id) {
      const contact = buildContact(wire, this.selfContact?.id ?? '', undefined, this.ids);
      this.contactsById.set(wire.UserName, contact);
      this.identities?.observe(personSource(contact, false));
    }
  }

  upsertMany(wires: readonly WireContact[]): void {
    for (const w of wires) this.upsert(w);
  }

  /**
   * Forget every contact, group and self: a new login brings new UserNames (docs/protocol.md
   * 13.2), so nothing of the previous session may be found by name afterwards.
   */
  clear(): void {
    this.contactsById.clear();
    this.groupsById.clear();
    this.selfContact = undefined;
    this.identities?.endSession();
  }

  /**
   * Give this login's contacts their stable ids (once the contact list and the groups' members are
   * loaded: matching needs them all). Until then every `stableId` is ''.
   */
  async bindIdentities(): Promise<BindSummary | undefined> {
    if (!this.identities) return undefined;
    const sources = [...this.contactsById.values()].map((c) => personSource(c, c.kind === 'self'));
    for (const g of this.groupsById.values()) sources.push(groupSource(g));
    return this.identities.bindSession(sources);
  }

  get(stableId: string): Contact | Group {
    const found = this.identities?.resolve(stableId) ?? ({ reason: 'unknown', stableId } as const);
    const hit = 'userName' in found ? (this.groupsById.get(found.userName) ?? this.contactsById.get(found.userName)) : undefined;
    if (hit) return hit;
    throw unresolved(stableId, 'userName' in found ? { reason: 'absent', stableId, name: '' } : found);
  }

  /** DelContactList: a removed friend or a group we left. */
  remove(id: string): void {
    if (id === this.selfContact?.id) return;
    this.contactsById.delete(id);
    this.groupsById.delete(id);
  }

  contact(id: string): Contact | undefined {
    return this.contactsById.get(id);
  }

  group(id: string): Group | undefined {
    return this.groupsById.get(id);
  }

  /** Groups whose member list we have not fetched yet. */
  groupsMissingMembers(): Group[] {
    return [...this.groupsById.values()].filter((g) => g.members.length === 0);
  }

  findContacts(name: string): Contact[] {
    return findBy(this.contactsById.values(), name, (c) => [c.nickName, c.remarkName, c.alias]);
  }

  findGroups(topic: string): Group[] {
    return findBy(this.groupsById.values(), topic, (g) => [g.topic, g.name]);
  }

  findMembers(room: string, name: string): GroupMember[] {
    const group = this.groupsById.get(room);
    return group ? findMembers(group, name, (id) => this.contactsById.get(id)?.remarkName ?? '') : [];
  }

  displayNameIn(room: string, id: string = this.selfContact?.id ?? ''): string {
    const member = this.groupsById.get(room)?.members.find((m) => m.id === id);
    return member?.displayName ?? '';
  }

  friends(): Contact[] {
    return [...this.contactsById.values()].filter((c) => c.kind === 'friend');
  }

  groups(): Group[] {
    return [...this.groupsById.values()];
  }

  /**
   * Everything known, in wire form (groups with their member lists): the snapshot `wxbot record`
   * starts a recording with. Self is not included (see `self.raw`).
   */
  wires(): WireContact[] {
    const contacts = [...this.contactsById.values()].filter((c) => c !== this.selfContact).map((c) => c.raw);
    const groups = [...this.groupsById.values()].map((g) => ({ ...g.raw, MemberCount: g.memberCount, MemberList: g.members.map((m) => m.raw) }));
    return [...contacts, ...groups];
  }

  get size(): { contacts: number; groups: number } {
    return { contacts: this.contactsById.size, groups: this.groupsById.size };
  }
}

/** WXBOT_CONTACT_UNRESOLVED for a stable id, naming why and what to do. */
export function unresolved(stableId: string, r: Exclude<Resolution, { userName: string }>): WxbotError {
  const who = r.name ? `"${stableId}" (${r.name})` : `"${stableId}"`;
  const why: Record<typeof r.reason, string> = {
    unknown: `no contact or group has the stable id ${who}: this bot never saw it, or its state store was lost; find it by name (findContacts, findGroups) and keep its stableId`,
    absent: `${who} is not among this login's contacts: removed, or nothing of this login matched it (its remark, nickname and avatar all changed?); it is found again when it shows up`,
    ambiguous: `${who} cannot be told apart from another contact with the same remark, nickname, region and avatar; give one of them a distinct remark name, or tag it (docs/identities.md)`,
    'no-session': `${who} cannot be looked up before the login's contacts are loaded; wait for the 'login' event`,
  };
  return new WxbotError('WXBOT_CONTACT_UNRESOLVED', `contact ${why[r.reason]}`, { stableId, reason: r.reason, ...(r.name ? { name: r.name } : {}) });
}

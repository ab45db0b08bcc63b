import type { WireContact, WireProfile, WireUser } from '@wxbot/wire-types';
import { buildContact, buildGroup, buildSelf } from './build-contact';

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

  get self(): Contact {
    if (!this.selfContact) throw new Error('ContactStore: self is unknown before webwxinit');
    return this.selfContact;
  }

  setSelf(user: WireUser): void {
    this.selfContact = buildSelf(user);
    this.contactsById.set(user.UserName, this.selfContact);
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
    this.selfContact = buildContact(raw, self.id, 'self');
    this.contactsById.set(self.id, this.selfContact);
    return true;
  }

  /** Add or replace a contact or group (ModContactList, getcontact, batchgetcontact). */
  upsert(wire: WireContact): void {
    if (!wire || typeof wire.UserName !== 'string' || !wire.UserName) return;
    if (isGroupUserName(wire.UserName)) {
      this.groupsById.set(wire.UserName, buildGroup(wire, this.groupsById.get(wire.UserName)));
    } else if (wire.UserName !== this.selfContact?.id) {
      this.contactsById.set(wire.UserName, buildContact(wire, this.selfContact?.id ?? ''));
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

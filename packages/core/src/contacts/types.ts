import type { IdentityConfidence } from './identity-match';
import type { WireContact, WireMember } from '@wxbot/wire-types';

/**
 * What a contact is, told apart as in docs/protocol.md 13.3.
 * - `friend`: ContactFlag & 1, not an official or special account.
 * - `group`: UserName starts with `@@` (or ends with `@chatroom`).
 * - `official`: VerifyFlag & 8.
 * - `special`: `filehelper`, `fmessage`, `weixin`, ... (the official special list).
 * - `stranger`: known (e.g. a group member) but not a friend.
 * - `self`: the logged-in account.
 */
export type ContactKind = 'friend' | 'group' | 'official' | 'special' | 'stranger' | 'self';

/**
 * A person, official account or special account, as the bot knows it now.
 * `id` is the session-scoped UserName: it changes on every login, so never persist it.
 */
export interface Contact {
  readonly id: string;
  /**
   * The id that survives logins (docs/identities.md): a permanent id (`wxid_…`, `gh_…`,
   * `filehelper`), `self`, or one minted from the contact's fingerprint (`p:…`). '' until the
   * login's contacts are loaded. Key persistent data by it, never by `id`.
   */
  readonly stableId: string;
  /** How sure the bot is that `stableId` names the same person as in earlier logins. */
  readonly identityConfidence: IdentityConfidence | undefined;
  readonly kind: ContactKind;
  /** NickName with emoji spans decoded. */
  readonly nickName: string;
  /** The name the owner gave this contact ('' when none). */
  readonly remarkName: string;
  /** WeChat id when the server reveals it ('' usually). */
  readonly alias: string;
  readonly signature: string;
  /** 0 unknown, 1 male, 2 female. */
  readonly sex: number;
  readonly province: string;
  readonly city: string;
  readonly verifyFlag: number;
  readonly contactFlag: number;
  /** Path of the avatar on the MAIN host (server-relative). */
  readonly avatarPath: string;
  /** Best name to show: remark, else nickname. */
  readonly name: string;
  readonly raw: WireContact;
}

/** A member of a group, from the group's MemberList. */
export interface GroupMember {
  readonly id: string;
  /**
   * Survives logins: the friend's stable id when the member is a known contact, else one made
   * from the group's stable id and the member's nickname ('' until the group has one).
   */
  readonly stableId: string;
  readonly nickName: string;
  /** The member's in-group nickname ('' when unset). */
  readonly displayName: string;
  /** Best name to show in this group: display name, else nickname. */
  readonly name: string;
  readonly raw: WireMember;
}

/** A group chat ("chatroom"). */
export interface Group {
  readonly id: string;
  /** The id that survives logins: the permanent `…@chatroom` id once learnt, or `g:…` (docs/identities.md). */
  readonly stableId: string;
  readonly identityConfidence: IdentityConfidence | undefined;
  readonly kind: 'group';
  /** Group topic with emoji spans decoded ('' for unnamed groups). */
  readonly topic: string;
  /** Topic, or a name made from the first members when the group has none. */
  readonly name: string;
  readonly memberCount: number;
  /** Members in server order; may be empty until fetched. */
  readonly members: readonly GroupMember[];
  readonly ownerId: string;
  readonly encryChatRoomId: string;
  /** ContactFlag & 4: saved to the address book. */
  readonly saved: boolean;
  readonly raw: WireContact;
  /**
   * A member by UserName (O(1)), else the first whose group alias (`displayName`), then nickname,
   * is exactly `idOrName` (a key starting with `@` is taken as a UserName only). Remarks and partial
   * names: `contacts.findMembers(room, name)`.
   * @example group.member('Dad')?.id
   */
  member(idOrName: string): GroupMember | undefined;
}

/** Read access to the contact store, as plugins see it. */
export interface ContactDirectory {
  /** The logged-in account. */
  readonly self: Contact;
  /** O(1) lookup by UserName: a contact (friend, official, special, stranger, self). */
  contact(id: string): Contact | undefined;
  /** O(1) lookup by UserName (`@@...`). */
  group(id: string): Group | undefined;
  /**
   * Find contacts whose nickname, remark name or alias equals `name` (exact match first,
   * then case-insensitive substring).
   */
  findContacts(name: string): Contact[];
  /** Find groups by topic (exact, then case-insensitive substring). */
  findGroups(topic: string): Group[];
  /**
   * Members of a group (UserName) found by UserName, or by remark (friends), group alias
   * (`displayName`) or nickname: exact matches first, then case-insensitive substrings. `[]` for
   * an unknown group.
   * @example bot.contacts.findMembers(ctx.message.chat.id, 'Dad')[0]?.id
   */
  findMembers(room: string, name: string): GroupMember[];
  /**
   * Someone's alias in a group (their `DisplayName` there), by default the bot's own: '' when
   * they set none (or the group or member is unknown).
   * @example bot.contacts.displayNameIn(room) || bot.contacts.self.nickName
   */
  displayNameIn(room: string, id?: string): string;
  friends(): Contact[];
  groups(): Group[];
  /**
   * The contact or group of this login with this stable id. Throws WXBOT_CONTACT_UNRESOLVED,
   * saying why (unknown id, not in this login, ambiguous, not logged in), when there is none.
   * @example
   * const alice = bot.contacts.get(saved.aliceStableId);
   * await bot.send(alice.id, 'hello again');
   */
  get(stableId: string): Contact | Group;
  readonly size: { contacts: number; groups: number };
}

/** Progress of the contact load, for the CLI's display. */
export interface ContactProgress {
  phase: 'contacts' | 'members';
  done: number;
  total?: number;
}

import { createHash } from 'node:crypto';

/**
 * How sure the index is that a contact is the one its stable id named in earlier logins:
 * - `exact`: paired by its permanent id (wxid, `gh_…`) from the MsgType 51 list, a literal
 *   special id (`filehelper`), the same UserName (a resumed session) or the account itself;
 * - `chatroom`: a group paired by its permanent `…@chatroom` id from the MsgType 51 list;
 * - `tag`: a friend found by the remark tag the bot wrote (`bot.contacts.tag()`);
 * - `fingerprint-unique`: its fingerprint (remark, nickname, alias, sex, region, avatar; a
 *   group's topic and members) matched exactly one earlier contact, and no other contact now;
 * - `new`: first seen: nothing earlier matched; the id is minted now;
 * - `ambiguous`: several contacts share its fingerprint: its id holds for this login only.
 */
export type IdentityConfidence = 'exact' | 'chatroom' | 'tag' | 'fingerprint-unique' | 'new' | 'ambiguous';

/** What the index reads of a contact or group (docs/identities.md). */
export interface IdentitySource {
  readonly userName: string;
  readonly type: 'person' | 'group' | 'self';
  /** Display name, for reports. */
  readonly name: string;
  /** All fields, avatar included: the first, strict match. */
  readonly strong: string;
  /** Without the avatar (persons) or the members (groups): the second match; '' when too thin. */
  readonly weak: string;
  /** The bot's remark tag found in the remark name ('' when none). */
  readonly tag: string;
}

/** The remark tag the bot writes: `#` and 6 base-36 characters at the end of the remark. */
export const TAG_PATTERN = /#([0-9a-z]{6})$/;

/** The tag written into a remark, if any. */
export function tagOf(remark: string): string {
  return TAG_PATTERN.exec(remark)?.[1] ?? '';
}

/** The tag the bot writes for a contact: 6 base-36 characters derived from its stable id. */
export function tagFor(stableId: string): string {
  return BigInt(`0x${shortHash(`tag:${stableId}`)}`).toString(36).slice(-6).padStart(6, '0');
}

/** A short hash, for ids minted from fingerprints (not a secret). */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** The avatar version (`seq=`) of a HeadImgUrl: the rest of the URL is session-scoped. */
function avatarSeq(url: string): string {
  return /[?&]seq=(\d+)/.exec(url)?.[1] ?? '';
}

/** A person's fingerprint (friend, official, special, stranger). */
export function personSource(c: { id: string; remarkName: string; nickName: string; alias: string; sex: number; province: string; city: string; avatarPath: string; name: string }, self: boolean): IdentitySource {
  const tag = tagOf(c.remarkName);
  const fields = [c.remarkName.replace(TAG_PATTERN, '').trim(), c.nickName, c.alias, String(c.sex), c.province, c.city];
  const thin = !fields[0] && !c.nickName && !c.alias;
  return {
    userName: c.id,
    type: self ? 'self' : 'person',
    name: c.name,
    strong: JSON.stringify(['p', ...fields, avatarSeq(c.avatarPath)]),
    weak: thin ? '' : JSON.stringify(['p', ...fields]),
    tag,
  };
}

/** A group's fingerprint: its topic, and its members' nicknames (sorted). */
export function groupSource(g: { id: string; topic: string; name: string; members: ReadonlyArray<{ nickName: string }> }): IdentitySource {
  const members = g.members.map((m) => m.nickName).sort();
  return {
    userName: g.id,
    type: 'group',
    name: g.name,
    strong: JSON.stringify(['g', g.topic, ...members]),
    weak: g.topic ? JSON.stringify(['g', g.topic]) : '',
    tag: '',
  };
}

/** Pairs of the MsgType 51 lists (docs/protocol.md 7.5): session UserName → permanent id. */
export function pairStatusLists(userNames: readonly string[], stableIds: readonly string[]): { pairs: Array<[userName: string, wxid: string]>; skipped: number } {
  if (userNames.length === stableIds.length) {
    return { pairs: userNames.map((u, i) => [u, stableIds[i] as string]), skipped: 0 };
  }
  // Lists of different lengths cannot be zipped safely (an entry missing from one shifts every
  // later pair): keep only the literal ids, the same in both lists (filehelper, weixin, ...).
  const wx = new Set(stableIds);
  const pairs = userNames.filter((u) => !u.startsWith('@') && wx.has(u)).map((u): [string, string] => [u, u]);
  return { pairs, skipped: Math.max(userNames.length, stableIds.length) - pairs.length };
}

/** The shape of a session-scoped UserName (`@<hex>`, `@@<hex>`): only those change at a login. */
export function isSessionUserName(s: string): boolean {
  return /^@@?[0-9a-f]{16,}$/.test(s);
}

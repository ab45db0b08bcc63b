import { isSpecialUserName } from '@wxbot/core/internals';

/**
 * Fields dropped from every recorded object: session keys, tickets, the account number, and
 * avatar URLs (they carry `skey`). A replay never needs them.
 */
const DROPPED = new Set(['BaseResponse', 'SyncKey', 'SyncCheckKey', 'SKey', 'Ticket', 'Uin', 'HeadImgUrl', 'EncryChatRoomId', 'MediaId', 'ContinueFlag']);

/** Fields that hold a UserName (also inside RecommendInfo and MemberList entries). */
const ID_FIELDS = new Set(['UserName', 'FromUserName', 'ToUserName', 'ChatRoomOwner', 'StatusNotifyUserName']);

// A session UserName inside any text (content XML, group prefixes, mentions, URLs): `@` + 32 hex
// for people, `@@` + 64 hex for groups (docs/protocol.md 13.2).
const SESSION_ID = /@@?[0-9a-f]{32,}/g;
// Permanent ids in texts (status notify lists, friend requests): wxids and numeric group ids.
const RAW_ID = /\bwxid_[A-Za-z0-9_-]+|\b\d{6,}@chatroom\b/g;
// Secrets in XML attributes (image and file keys, friend-request tickets, v3/v4 encrypted ids).
const SECRET_ATTR = /\b(aeskey|cdnthumbaeskey|cdnattachurl|cdnbigimgurl|cdnmidimgurl|cdnthumburl|cdnurl|encryfilekey|encryptusername|ticket|skey|pass_ticket|authkey)(\s*=\s*)(["'])[^"']*\3/gi;
// ... and in URL query strings.
const SECRET_PARAM = /([?&](?:skey|pass_ticket|ticket|uin|sid|webwx_data_ticket|webwx_auth_ticket|wxuin|wxsid)=)[^&"'\s<]*/gi;

/**
 * Turns session data into what a recording may keep: no cookies, tickets or keys, and every
 * UserName replaced by a placeholder that is stable within one recording (`@self`, `@contact1`,
 * `@@group1` (raw ids: `wxid_contact2`, `3@chatroom`), in order of first sight; special accounts such as `filehelper` keep their names).
 * Placeholders keep the shapes the parsers rely on: `@@` for groups, letters and digits only, so
 * `@contact1:<br/>` still splits as a group sender prefix.
 */
export class Sanitiser {
  private readonly ids = new Map<string, string>();
  private people = 0;
  private groups = 0;

  /** The account's own UserName becomes `@self`. */
  setSelf(id: string): void {
    if (id && !this.ids.has(id)) this.ids.set(id, '@self');
  }

  /** The placeholder of a UserName (given at first sight). */
  id(id: string): string {
    if (!id || isSpecialUserName(id)) return id;
    const known = this.ids.get(id);
    if (known) return known;
    const group = id.startsWith('@@') || id.endsWith('@chatroom');
    const raw = !id.startsWith('@');
    // Raw ids keep their form (`wxid_…`, `…@chatroom`), session ids theirs (`@…`, `@@…`).
    const placeholder = group ? (raw ? `${++this.groups}@chatroom` : `@@group${++this.groups}`) : raw ? `wxid_contact${++this.people}` : `@contact${++this.people}`;
    this.ids.set(id, placeholder);
    return placeholder;
  }

  /** A text with its session ids replaced and secret attributes and parameters emptied. */
  text(value: string): string {
    const exact = this.ids.get(value);
    if (exact) return exact;
    return value
      .replace(SESSION_ID, (id) => this.id(id))
      .replace(RAW_ID, (id) => this.id(id))
      .replace(SECRET_ATTR, (_m, name: string, eq: string, quote: string) => `${name}${eq}${quote}${quote}`)
      .replace(SECRET_PARAM, '$1');
  }

  /** A deep copy of `value` with the above applied to every field. */
  value(value: unknown, key?: string): unknown {
    // StatusNotifyUserName may be a comma-separated list of ids.
    if (typeof value === 'string') return key !== undefined && ID_FIELDS.has(key) ? value.split(',').map((id) => this.id(id)).join(',') : this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!DROPPED.has(k)) out[k] = this.value(v, k);
    return out;
  }
}

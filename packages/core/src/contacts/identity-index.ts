import type { StateStore } from '../storage/state-store';
import { isSessionUserName, shortHash, type IdentityConfidence, type IdentitySource } from './identity-match';

/** The index's section of the state store. */
export const IDENTITIES_SECTION = 'identities';

/** The stable id of the logged-in account (its UserName changes at every login too). */
export const SELF_STABLE_ID = 'self';

/** How many earlier UserNames a record keeps, to re-address what was queued under them. */
const KEEP_FORMER = 3;

/** One known contact or group, as persisted. */
export interface IdentityRecord {
  /** The stable id. */
  id: string;
  t: IdentitySource['type'];
  /** Last known display name (for reports). */
  n: string;
  /** Strong and weak fingerprints (see IdentitySource). */
  s: string;
  w: string;
  /** The permanent id learnt from the MsgType 51 list (wxid_…, gh_…, …@chatroom). */
  wx?: string;
  /** The bot's remark tag. */
  tag?: string;
  /** Its UserName in the current (or, when loaded, the last) session. */
  u?: string;
  /** Its earlier UserNames, newest first. */
  was?: string[];
  c: IdentityConfidence;
}

/** Why a stable id or an old UserName does not lead to a contact of this session. */
export type UnresolvedReason = 'unknown' | 'absent' | 'ambiguous' | 'no-session';

export type Resolution = { readonly userName: string; readonly stableId: string; readonly confidence: IdentityConfidence } | { readonly reason: UnresolvedReason; readonly stableId?: string; readonly name?: string };

/** What a bind did, for the log. */
export interface BindSummary {
  readonly bound: number;
  readonly byConfidence: Readonly<Partial<Record<IdentityConfidence, number>>>;
  /** Records of earlier logins not found in this one. */
  readonly missing: number;
}

/** Records written or replaced (`r`), records dropped (`d`). */
type Persisted = { r: IdentityRecord[]; d?: string[] };

/**
 * Stable ids for contacts and groups across logins (UserNames are session-scoped: docs/protocol.md
 * 13.2). Each record keeps what can recognise its contact again: the permanent id of the
 * MsgType 51 list, the bot's remark tag, fingerprints; and the UserNames it had, so what was
 * queued under an old UserName can be re-addressed (`forward`). Persisted in the state store's
 * `identities` section; docs/identities.md has the rules.
 * @example
 * const index = new IdentityIndex(store);
 * await index.load();
 * index.bindSession(sources); // after a login's contact load
 * index.forward(oldUserName); // { userName: '@new…', stableId, confidence } or { reason }
 */
export class IdentityIndex {
  private readonly records = new Map<string, IdentityRecord>();
  private readonly byUserName = new Map<string, string>();
  private readonly former = new Map<string, string>();
  private readonly byWxid = new Map<string, string>();
  private readonly byTag = new Map<string, string>();
  private readonly ambiguous = new Set<string>();
  private bound = false;
  /** Cache of `hasEarlierNames` (undefined: recompute); reset wherever a UserName map changes. */
  private earlierNames: boolean | undefined;

  constructor(private readonly store?: StateStore) {
    store?.register(IDENTITIES_SECTION, () => (this.records.size > 0 ? [{ r: [...this.records.values()] } satisfies Persisted] : []));
  }

  /** Read the saved records; their UserNames are of an earlier session (until bound again). */
  async load(): Promise<void> {
    if (!this.store) return;
    const saved = new Map<string, IdentityRecord>();
    for (const r of ((await this.store.open()).get(IDENTITIES_SECTION) ?? []) as Array<Partial<Persisted>>) {
      for (const rec of Array.isArray(r?.r) ? r.r : []) if (rec && typeof rec.id === 'string' && typeof rec.s === 'string') saved.set(rec.id, { ...rec });
      for (const id of Array.isArray(r?.d) ? r.d : []) saved.delete(String(id));
    }
    for (const rec of saved.values()) this.put(rec);
    this.endSession();
  }

  /** Whether the current session's contacts are bound (after `bindSession`, until `endSession`). */
  get isBound(): boolean {
    return this.bound;
  }

  /**
   * Whether an earlier session's UserName is not one of this session's: only then can something
   * need re-addressing (`forward` changes nothing otherwise: a first login, a resumed session).
   */
  get hasEarlierNames(): boolean {
    this.earlierNames ??= [...this.former.keys()].some((u) => !this.byUserName.has(u));
    return this.earlierNames;
  }

  get size(): number {
    return this.records.size;
  }

  /** Every record (a copy), for inspection. */
  list(): IdentityRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  /** A session ended: its UserNames become former ones; nothing is bound until the next bind. */
  endSession(): void {
    for (const rec of this.records.values()) {
      if (!rec.u) continue;
      rec.was = [rec.u, ...(rec.was ?? []).filter((u) => u !== rec.u)].slice(0, KEEP_FORMER);
      this.former.set(rec.u, rec.id);
      delete rec.u;
    }
    this.byUserName.clear();
    this.ambiguous.clear();
    this.bound = false;
    this.earlierNames = undefined;
  }

  /**
   * Bind this login's contacts (all loaded) to the records: same UserName (a resumed session, a
   * literal id), remark tag, then strong and weak fingerprints unique on both sides; the rest get
   * new records. Persisted durably before it returns: queued actions are re-addressed from it.
   */
  async bindSession(sources: readonly IdentitySource[]): Promise<BindSummary> {
    const changed = new Set<IdentityRecord>();
    const free = new Set([...this.records.values()].filter((r) => !r.u));
    const counts: Partial<Record<IdentityConfidence, number>> = {};
    const bind = (src: IdentitySource, rec: IdentityRecord, c: IdentityConfidence): void => {
      this.bindRecord(rec, src, c);
      free.delete(rec);
      changed.add(rec);
      counts[c] = (counts[c] ?? 0) + 1;
    };
    let rest: IdentitySource[] = [];
    for (const src of sources) {
      const rec = this.sameAs(src);
      if (rec && free.has(rec)) bind(src, rec, this.keptConfidence(src, rec));
      else if (src.tag && this.free(this.byTag.get(src.tag), free)) bind(src, this.free(this.byTag.get(src.tag), free) as IdentityRecord, 'tag');
      else rest.push(src);
    }
    const confused = new Set<IdentitySource>();
    for (const key of ['s', 'w'] as const) {
      const srcs = groupBy(rest, (s) => (key === 's' ? s.strong : s.weak));
      const recs = groupBy([...free], (r) => r[key]);
      for (const [fp, candidates] of srcs) {
        const earlier = recs.get(fp) ?? [];
        if (earlier.length === 0) continue;
        if (candidates.length === 1 && earlier.length === 1) bind(candidates[0] as IdentitySource, earlier[0] as IdentityRecord, 'fingerprint-unique');
        else {
          for (const c of candidates) confused.add(c);
          for (const r of earlier) this.ambiguous.add(r.id);
        }
      }
      rest = rest.filter((s) => !confused.has(s) && !this.byUserName.has(s.userName));
    }
    // What matched several earlier records, or shares its fingerprint with another contact now,
    // gets an id for this login only ('ambiguous'); the rest are new.
    const leftover = [...rest, ...confused];
    const sharing = groupBy(leftover, (s) => s.weak || s.strong);
    for (const src of leftover) {
      const ambiguous = confused.has(src) || (sharing.get(src.weak || src.strong)?.length ?? 0) > 1;
      const reuse = ambiguous ? [...free].find((r) => (src.weak ? r.w === src.weak : r.s === src.strong) && r.c === 'ambiguous') : undefined;
      bind(src, reuse ?? this.mint(src), ambiguous ? 'ambiguous' : 'new');
    }
    this.bound = true;
    if (changed.size > 0) await this.store?.append(IDENTITIES_SECTION, { r: [...changed].map((r) => ({ ...r })) } satisfies Persisted);
    return { bound: changed.size, byConfidence: counts, missing: free.size };
  }

  /**
   * A contact added or changed during a bound session (ModContactList, webwxbatchgetcontact): its
   * record follows the change; a contact not seen before is matched against the records not bound
   * in this login, else gets a new one. Before the session is bound, nothing happens.
   */
  observe(src: IdentitySource): void {
    if (!this.bound) return;
    const id = this.byUserName.get(src.userName);
    const known = id === undefined ? undefined : this.records.get(id);
    if (known) {
      if (known.s === src.strong && known.w === src.weak && known.n === src.name && (known.tag ?? '') === src.tag) return;
      known.s = src.strong;
      known.w = src.weak;
      known.n = src.name;
      this.setTag(known, src.tag);
    } else {
      const free = [...this.records.values()].filter((r) => !r.u);
      const same = this.sameAs(src);
      const tagged = src.tag ? free.find((r) => r.tag === src.tag) : undefined;
      const strong = free.filter((r) => r.s === src.strong);
      const weak = src.weak ? free.filter((r) => r.w === src.weak) : [];
      const unique = strong.length === 1 ? strong[0] : strong.length === 0 && weak.length === 1 ? weak[0] : undefined;
      if (same && !same.u) this.bindRecord(same, src, this.keptConfidence(src, same));
      else if (tagged) this.bindRecord(tagged, src, 'tag');
      else if (unique) this.bindRecord(unique, src, 'fingerprint-unique');
      else this.bindRecord(this.mint(src), src, strong.length + weak.length > 0 ? 'ambiguous' : 'new');
    }
    const rec = this.records.get(this.byUserName.get(src.userName) as string);
    if (rec) void this.store?.appendLazy(IDENTITIES_SECTION, { r: [{ ...rec }] } satisfies Persisted);
  }

  /**
   * The MsgType 51 pairs (session UserName, permanent id): each confirms or corrects a binding.
   * When a permanent id belongs to another record than the one bound by fingerprint, the permanent
   * id wins (two confused contacts are swapped). Returns how many bindings changed.
   */
  learn(pairs: ReadonlyArray<readonly [userName: string, wxid: string]>): number {
    let moved = 0;
    const changed = new Set<IdentityRecord>();
    const dropped: string[] = [];
    for (const [u, wx] of pairs) {
      const id = this.byUserName.get(u);
      const rec = id === undefined ? undefined : this.records.get(id);
      if (!rec || !wx) continue;
      const c: IdentityConfidence = wx.endsWith('@chatroom') ? 'chatroom' : 'exact';
      const ownerId = this.byWxid.get(wx);
      const owner = ownerId === undefined ? undefined : this.records.get(ownerId);
      if (!owner || owner === rec) {
        if (rec.wx === wx && rec.c === c) continue;
        rec.wx = wx;
        rec.c = c;
        this.byWxid.set(wx, rec.id);
        changed.add(rec);
        continue;
      }
      // `u` is owner's contact: the fingerprint bound it to `rec`. Swap (with what each contact
      // looks like now), or move `owner` over and drop `rec` if it was made in this login.
      const other = owner.u;
      const mine = { userName: u, strong: rec.s, weak: rec.w, name: rec.n, tag: rec.tag ?? '', type: rec.t };
      if (other) this.bindRecord(rec, { userName: other, strong: owner.s, weak: owner.w, name: owner.n, tag: owner.tag ?? '', type: owner.t }, rec.c);
      else {
        delete rec.u;
        this.byUserName.delete(u);
        this.earlierNames = undefined;
        if ((rec.c === 'new' || rec.c === 'ambiguous') && !rec.wx && !rec.tag && this.records.delete(rec.id)) dropped.push(rec.id);
      }
      const src: IdentitySource = mine;
      this.bindRecord(owner, src, c);
      changed.add(rec).add(owner);
      moved += 1;
    }
    const kept = [...changed].filter((r) => this.records.has(r.id)).map((r) => ({ ...r }));
    if (changed.size > 0) void this.store?.append(IDENTITIES_SECTION, { r: kept, ...(dropped.length > 0 ? { d: dropped } : {}) } satisfies Persisted);
    return moved;
  }

  /** The stable id of a contact by its UserName of this session (or of an earlier one). */
  stableIdOf(userName: string): string | undefined {
    return this.byUserName.get(userName) ?? this.former.get(userName);
  }

  confidenceOf(userName: string): IdentityConfidence | undefined {
    const id = this.byUserName.get(userName);
    return id === undefined ? undefined : this.records.get(id)?.c;
  }

  /** A stable id to this session's UserName, or why not. */
  resolve(stableId: string): Resolution {
    const rec = this.records.get(stableId);
    if (!rec) return { reason: 'unknown', stableId };
    const named = { stableId, name: rec.n };
    if (!this.bound) return { reason: 'no-session', ...named };
    if (!rec.u) return { reason: this.ambiguous.has(rec.id) ? 'ambiguous' : 'absent', ...named };
    if (rec.c === 'ambiguous') return { reason: 'ambiguous', ...named };
    return { userName: rec.u, stableId, confidence: rec.c };
  }

  /**
   * Where something addressed to `userName` goes now: the same UserName when it is of this
   * session, the new one when it is an earlier one of a contact found again, or why not.
   * Undefined: not a UserName the index knows of (leave it as it is); with `strict`, a
   * session-scoped UserName it never saw is `unknown` instead (what was queued before a login).
   */
  forward(userName: string, strict = true): Resolution | undefined {
    const current = this.byUserName.get(userName);
    if (current !== undefined) return { userName, stableId: current, confidence: this.records.get(current)?.c ?? 'new' };
    const id = this.former.get(userName);
    if (id !== undefined) return this.resolve(id);
    return strict && isSessionUserName(userName) ? { reason: 'unknown' } : undefined;
  }

  private put(rec: IdentityRecord): void {
    this.records.set(rec.id, rec);
    if (rec.wx) this.byWxid.set(rec.wx, rec.id);
    if (rec.tag) this.byTag.set(rec.tag, rec.id);
    for (const u of rec.was ?? []) this.former.set(u, rec.id);
    this.earlierNames = undefined;
  }

  private setTag(rec: IdentityRecord, tag: string): void {
    if ((rec.tag ?? '') === tag) return;
    if (rec.tag && this.byTag.get(rec.tag) === rec.id) this.byTag.delete(rec.tag);
    if (tag) {
      rec.tag = tag;
      this.byTag.set(tag, rec.id);
    } else delete rec.tag;
  }

  private bindRecord(rec: IdentityRecord, src: IdentitySource, c: IdentityConfidence): void {
    if (rec.u && this.byUserName.get(rec.u) === rec.id) this.byUserName.delete(rec.u);
    rec.u = src.userName;
    rec.c = c;
    rec.s = src.strong;
    rec.w = src.weak;
    rec.n = src.name;
    this.setTag(rec, src.tag);
    this.byUserName.set(src.userName, rec.id);
    this.ambiguous.delete(rec.id);
    this.earlierNames = undefined;
  }

  /** The record of the same UserName (resumed session, literal id) or of the account itself. */
  private sameAs(src: IdentitySource): IdentityRecord | undefined {
    if (src.type === 'self') return this.records.get(SELF_STABLE_ID);
    const id = this.former.get(src.userName) ?? (isSessionUserName(src.userName) ? undefined : src.userName);
    return id === undefined ? undefined : this.records.get(id);
  }

  private keptConfidence(src: IdentitySource, rec: IdentityRecord): IdentityConfidence {
    return src.type === 'self' || !isSessionUserName(src.userName) ? 'exact' : rec.c;
  }

  private free(id: string | undefined, free: ReadonlySet<IdentityRecord>): IdentityRecord | undefined {
    const rec = id === undefined ? undefined : this.records.get(id);
    return rec && free.has(rec) ? rec : undefined;
  }

  /** A new record: literal ids keep their name; others are named by their fingerprint's hash. */
  private mint(src: IdentitySource): IdentityRecord {
    let id = src.type === 'self' ? SELF_STABLE_ID : !isSessionUserName(src.userName) ? src.userName : `${src.type === 'group' ? 'g' : 'p'}:${shortHash(src.weak || src.strong)}`;
    for (let n = 2; this.records.has(id); n++) id = `${id.replace(/~\d+$/, '')}~${n}`;
    const rec: IdentityRecord = { id, t: src.type, n: src.name, s: src.strong, w: src.weak, c: 'new' };
    this.put(rec);
    return rec;
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

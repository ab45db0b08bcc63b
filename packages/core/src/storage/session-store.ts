import type { Credentials, LoginMode, SyncKey, WebwxHosts } from '@wxbot/protocol';
import type { SectionRecord, StateStore } from './state-store';

/** The session's section in the state log. */
export const SESSION_SECTION = 'session';

/** Everything needed to resume a session without a scan. Secret: stored 0600, never logged. */
export interface SavedSession {
  version: 1;
  savedAt: number;
  mode: LoginMode;
  credentials: Credentials;
  hosts: WebwxHosts;
  /** tough-cookie jar, serialised. */
  cookies: unknown;
  selfUserName: string;
  syncKey: SyncKey | null;
  syncCheckKey: SyncKey | null;
  /** MsgIds handled most recently (the dedupe window), oldest first. */
  handledIds: string[];
}

/** The sync keys after a batch, and the MsgIds that batch added to the dedupe window. */
export interface SavedKeys {
  syncKey: SyncKey | null;
  syncCheckKey: SyncKey | null;
}

/** Session records: a whole session (`s`), keys plus new ids (`k`, `ids`), or none (`clear`). */
type SessionRecord = { s: SavedSession } | { k: SavedKeys; ids: string[] } | { clear: true };

function isSession(s: Partial<SavedSession> | undefined): s is SavedSession {
  return !!s && s.version === 1 && !!s.credentials && !!s.hosts && !!s.selfUserName;
}

/** The session a sequence of session records leaves, if any (malformed records are skipped). */
export function replaySession(records: readonly unknown[] = [], windowSize = 5000): SavedSession | undefined {
  let current: SavedSession | undefined;
  for (const r of records as Array<Partial<Record<'s' | 'k' | 'ids' | 'clear', unknown>>>) {
    if (!r || typeof r !== 'object') continue;
    if (r.clear === true) current = undefined;
    else if (r.s && typeof r.s === 'object') {
      const s = r.s as Partial<SavedSession>;
      current = isSession(s) ? { ...s, handledIds: Array.isArray(s.handledIds) ? s.handledIds.map(String) : [] } : undefined;
    } else if (current && r.k && typeof r.k === 'object') {
      const k = r.k as Partial<SavedKeys>;
      current = { ...current, syncKey: k.syncKey ?? null, syncCheckKey: k.syncCheckKey ?? null };
      if (Array.isArray(r.ids)) current.handledIds.push(...r.ids.map(String));
      if (current.handledIds.length > windowSize) current.handledIds.splice(0, current.handledIds.length - windowSize);
    }
  }
  return current;
}

/**
 * The saved session, kept in the bot's state log: a whole record at login (and whenever the
 * credentials or cookies change), then one small record per batch with the new sync keys and
 * the batch's MsgIds (the dedupe window grows by those). Compaction writes it whole again.
 */
export class SessionStore {
  private current: SavedSession | undefined;

  constructor(
    private readonly log: StateStore | undefined,
    /** MsgIds kept for the dedupe window. */
    private readonly windowSize = 5000,
  ) {
    log?.register(SESSION_SECTION, () => (this.current ? [{ s: this.current } satisfies SessionRecord] : []));
  }

  async load(): Promise<SavedSession | undefined> {
    if (!this.log) return this.current;
    const saved = await this.log.open();
    this.current ??= replaySession(saved.get(SESSION_SECTION), this.windowSize);
    return this.current;
  }

  /** The whole session; keys, skey, cookies and handled ids change together. */
  save(session: SavedSession): Promise<void> {
    const record = this.sessionRecord(session);
    return this.log ? this.log.append(...record) : Promise.resolve();
  }

  /** The whole session as a record, taken as current but not written (see `keysRecord`). */
  sessionRecord(session: SavedSession): SectionRecord {
    this.current = session;
    return [SESSION_SECTION, { s: session } satisfies SessionRecord];
  }

  /** New sync keys, and the MsgIds the dedupe window gained since the last save. */
  saveKeys(keys: SavedKeys, ids: readonly string[]): Promise<void> {
    const record = this.keysRecord(keys, ids);
    return record && this.log ? this.log.append(...record) : Promise.resolve();
  }

  /**
   * The record of new keys and ids, applied to the session in memory but not written: for a
   * caller that writes it together with other records (`StateStore.appendAll`). Undefined
   * without a session.
   */
  keysRecord(keys: SavedKeys, ids: readonly string[]): SectionRecord | undefined {
    const s = this.current;
    if (!s) return undefined;
    s.syncKey = keys.syncKey;
    s.syncCheckKey = keys.syncCheckKey;
    s.handledIds.push(...ids);
    // Trim in steps, not per id: the window is a few thousand ids.
    if (s.handledIds.length > this.windowSize + 500) s.handledIds.splice(0, s.handledIds.length - this.windowSize);
    return [SESSION_SECTION, { k: keys, ids: [...ids] } satisfies SessionRecord];
  }

  /** Forget the session (after a logout). */
  clear(): Promise<void> {
    this.current = undefined;
    return this.log ? this.log.append(SESSION_SECTION, { clear: true } satisfies SessionRecord) : Promise.resolve();
  }
}

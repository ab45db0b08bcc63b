import type { LoginMode, SyncState, WebwxHttp, WireMessage } from '@wxbot/protocol';
import type { LiveSession } from '../session/bring-up';
import type { InboxJournal } from '../storage/journal';
import type { SavedSession, SessionStore } from '../storage/session-store';
import type { SectionRecord, StateStore } from '../storage/state-store';

/** A whole session record at least this often while running (the saved cookies' expiry keeps up). */
const WHOLE_SESSION_EVERY_MS = 60 * 60_000;

/** What the saver reads of the running session: it owns none of it. */
export interface SessionView {
  readonly session: LiveSession;
  readonly http: WebwxHttp;
  readonly mode: LoginMode;
  /** The sync loop's keys now (the loop owns them). */
  keys(): SyncState;
  /** The dedupe window, oldest first. */
  handledIds(): string[];
}

/**
 * Saves the session into the state store: whole at login and whenever the credentials, hosts or
 * cookies change (and hourly), otherwise one small record per batch with the new keys and ids.
 * A batch's journal entries and its keys go in one `appendAll`, journal first: once the keys are
 * saved, a crash cannot lose the batch's messages (docs/reliability.md).
 */
export class SessionSaver {
  /** What the last whole record held of the credentials and cookies, and when. */
  private savedFingerprint = '';
  private savedWholeAt = 0;
  /** The keys last written, to skip saving an idle sync that did not move them. */
  private savedKeys: SyncState | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly sessions: SessionStore,
    private readonly journal: InboxJournal,
  ) {}

  /** The whole session. The store keeps appends in order, so a newer save always lands last. */
  saveWhole(view: SessionView | undefined): Promise<void> {
    return view ? this.store.append(...this.wholeRecord(view, view.keys())) : Promise.resolve();
  }

  /**
   * After a batch: journal the messages that go to the plugins and save the keys `next` with
   * the ids the dedupe window gained, in one `appendAll`, journal first. The whole session goes
   * instead of the keys when the credentials or cookies changed (the server refreshes cookies on
   * every webwxsync, usually to the same values: that is no change), and at least hourly. With
   * nothing new, only keys that moved are saved.
   */
  saveBatch(view: SessionView, toJournal: readonly WireMessage[], newIds: readonly string[], next: SyncState): Promise<void> {
    const journalled = this.journal.addRecord(toJournal);
    let keys: SectionRecord | undefined;
    if (newIds.length > 0 || moved(this.savedKeys, next)) {
      const whole = fingerprint(view) !== this.savedFingerprint || Date.now() - this.savedWholeAt > WHOLE_SESSION_EVERY_MS;
      this.savedKeys = next;
      keys = whole ? this.wholeRecord(view, next) : this.sessions.keysRecord({ syncKey: next.syncKey, syncCheckKey: next.syncCheckKey }, newIds);
    }
    const records = [journalled, keys].filter((r): r is SectionRecord => r !== undefined);
    return records.length > 0 ? this.store.appendAll(records) : Promise.resolve();
  }

  /** Ids that must count as seen from now on (a journal replay), saved with the current keys. */
  saveIds(view: SessionView | undefined, ids: readonly string[]): Promise<void> {
    if (!view) return Promise.resolve();
    const keys = view.keys();
    return this.sessions.saveKeys({ syncKey: keys.syncKey, syncCheckKey: keys.syncCheckKey }, ids);
  }

  private wholeRecord(view: SessionView, keys: SyncState): SectionRecord {
    this.savedFingerprint = fingerprint(view);
    this.savedWholeAt = Date.now();
    this.savedKeys = keys;
    return this.sessions.sessionRecord(snapshot(view, keys));
  }

  /** Forget the session (a logout): the next start logs in anew. */
  clear(): Promise<void> {
    this.savedKeys = undefined;
    return this.sessions.clear();
  }
}

function moved(saved: SyncState | undefined, next: SyncState): boolean {
  // An idle sync returns empty keys, which nextSyncState ignores: the same objects come back.
  return !saved || next.syncKey !== saved.syncKey || next.syncCheckKey !== saved.syncCheckKey || next.skey !== saved.skey;
}

function snapshot(view: SessionView, keys: SyncState = view.keys()): SavedSession {
  const s = view.session;
  return {
    version: 1,
    savedAt: Date.now(),
    mode: view.mode,
    credentials: { ...s.ctx.credentials },
    hosts: s.ctx.hosts,
    cookies: view.http.jar.serializeSync(),
    selfUserName: s.selfUserName,
    syncKey: keys.syncKey,
    syncCheckKey: keys.syncCheckKey,
    handledIds: view.handledIds(),
  };
}

/** What must be saved whole when it changes: the credentials, hosts, own UserName and cookies. */
function fingerprint(view: SessionView): string {
  const s = view.session;
  return `${view.http.cookieVersion}|${s.selfUserName}|${JSON.stringify(s.ctx.credentials)}|${JSON.stringify(s.ctx.hosts)}`;
}

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Credentials, LoginMode, SyncKey, WebwxHosts } from '@wxbot/protocol';
import { readJsonFile, writePrivateFileAtomic } from './secure-file';

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

/** Where and how a bot keeps its session under its home directory. */
export class SessionStore {
  readonly file: string;

  constructor(readonly home: string) {
    this.file = path.join(home, 'session.json');
  }

  async load(): Promise<SavedSession | undefined> {
    let raw: unknown;
    try {
      raw = await readJsonFile(this.file);
    } catch {
      // A corrupt file cannot be resumed from; a fresh login replaces it.
      return undefined;
    }
    const s = raw as Partial<SavedSession> | undefined;
    if (!s || s.version !== 1 || !s.credentials || !s.hosts || !s.selfUserName) return undefined;
    return { ...s, handledIds: Array.isArray(s.handledIds) ? s.handledIds : [] } as SavedSession;
  }

  /** Atomic: keys, skey, cookies and handled ids always change together. */
  async save(session: SavedSession): Promise<void> {
    await writePrivateFileAtomic(this.file, JSON.stringify(session));
  }

  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

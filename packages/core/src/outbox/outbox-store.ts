import { promises as fs } from 'node:fs';
import { readJsonFile, writePrivateFileAtomic } from '../storage/secure-file';
import type { BreakerState } from './breaker';

/** One queued action as persisted. */
export interface StoredAction {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  risky: boolean;
  /** Idempotency key: a second submit with it returns the first one's outcome. */
  idem?: string;
  /** Fixed before the first attempt and reused by every retry and after restarts (protocol.md 9.1). */
  clientMsgId: string;
  createdAt: number;
  attempts: number;
}

/** Outcome of a finished action with an idempotency key (JSON form of the result). */
export interface StoredOutcome {
  idem: string;
  at: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface OutboxFile {
  version: 1;
  queue: StoredAction[];
  done: StoredOutcome[];
  breakers: Record<string, BreakerState>;
  /** Daily cap counters of `day`. */
  day: string;
  counts: Record<string, number>;
}

/** `<home>/outbox.json`: written atomically, 0600 in a 0700 directory. */
export class OutboxStore {
  constructor(readonly file: string) {}

  /** The saved state, or undefined (none, or unreadable: the caller logs that). */
  async load(): Promise<OutboxFile | undefined> {
    const raw = (await readJsonFile(this.file)) as Partial<OutboxFile> | undefined;
    if (!raw || raw.version !== 1 || !Array.isArray(raw.queue)) return undefined;
    return {
      version: 1,
      queue: raw.queue.filter((a) => a && typeof a.id === 'string' && typeof a.kind === 'string' && typeof a.key === 'string'),
      done: Array.isArray(raw.done) ? raw.done.filter((d) => d && typeof d.idem === 'string') : [],
      breakers: raw.breakers && typeof raw.breakers === 'object' ? raw.breakers : {},
      day: typeof raw.day === 'string' ? raw.day : '',
      counts: raw.counts && typeof raw.counts === 'object' ? raw.counts : {},
    };
  }

  async save(state: OutboxFile): Promise<void> {
    await writePrivateFileAtomic(this.file, JSON.stringify(state));
  }

  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

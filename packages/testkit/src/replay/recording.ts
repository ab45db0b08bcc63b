import { closeSync, openSync, writeSync } from 'node:fs';
import type { SyncResponse, WireContact } from '@wxbot/wire-types';
import { Sanitiser } from './sanitise';

/** The format version a recording's first line carries; `replay` refuses newer ones. */
export const RECORDING_VERSION = 1;

/**
 * The lines of a recording (JSON lines, one object each):
 * - `{ type: 'wxbot-recording', version, startedAt }`: the first line;
 * - `{ type: 'contacts', self?, contacts }`: at each login the whole address book with `self`;
 *   later, contacts and groups first seen since (fetched for a message), without `self`;
 * - `{ type: 'sync', at, AddMsgList?, ModContactList?, DelContactList?, Profile? }`: one
 *   webwxsync answer, its non-empty parts only.
 */
export type RecordingLine =
  | { type: 'wxbot-recording'; version: number; startedAt: string }
  | { type: 'contacts'; self?: WireContact; contacts: WireContact[] }
  | { type: 'sync'; at: string; AddMsgList?: unknown[]; ModContactList?: unknown[]; DelContactList?: unknown[]; Profile?: unknown };

/** What a recorder reads from the running bot's contact store. */
export interface RecordedStore {
  readonly self: { readonly raw: WireContact };
  wires(): WireContact[];
}

/**
 * Writes a session's incoming traffic to a file (0600), sanitised as it goes (see Sanitiser):
 * `login()` after each login, `batch()` for each webwxsync answer. Media bytes are not kept.
 * @example
 * const rec = new Recorder('day.jsonl', () => store);
 * bot.on('login', () => rec.login());
 * new Bot({ tap: { batch: (res) => rec.batch(res) } });
 */
export class Recorder {
  private readonly fd: number;
  private readonly clean = new Sanitiser();
  /** Real UserNames already written in a contacts line. */
  private readonly written = new Set<string>();
  private lines = 0;

  constructor(
    readonly file: string,
    private readonly store: () => RecordedStore,
  ) {
    this.fd = openSync(file, 'w', 0o600);
    this.write({ type: 'wxbot-recording', version: RECORDING_VERSION, startedAt: new Date().toISOString() });
  }

  /** Lines written so far (the header included). */
  get count(): number {
    return this.lines;
  }

  /** The whole address book, after a login (a new login brings new UserNames, new placeholders). */
  login(): void {
    const store = this.store();
    this.written.clear();
    this.clean.setSelf(store.self.raw.UserName);
    const contacts = store.wires();
    for (const c of contacts) this.written.add(c.UserName);
    this.write({ type: 'contacts', self: this.clean.value(store.self.raw) as WireContact, contacts: contacts.map((c) => this.clean.value(c) as WireContact) });
  }

  /** One webwxsync answer, after any contacts it made the bot fetch. */
  batch(res: SyncResponse): void {
    const fresh = this.store().wires().filter((c) => !this.written.has(c.UserName));
    if (fresh.length > 0) {
      for (const c of fresh) this.written.add(c.UserName);
      this.write({ type: 'contacts', contacts: fresh.map((c) => this.clean.value(c) as WireContact) });
    }
    const parts = { AddMsgList: res.AddMsgList, ModContactList: res.ModContactList, DelContactList: res.DelContactList };
    const line: Record<string, unknown> = { type: 'sync', at: new Date().toISOString() };
    for (const [key, list] of Object.entries(parts)) if (Array.isArray(list) && list.length > 0) line[key] = this.clean.value(list);
    if (res.Profile && res.Profile.BitFlag) line['Profile'] = this.clean.value(res.Profile);
    if (Object.keys(line).length > 2) this.write(line as RecordingLine);
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(line: RecordingLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    this.lines += 1;
  }
}

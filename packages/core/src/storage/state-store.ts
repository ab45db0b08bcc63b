import { WxbotError } from '../errors/wxbot-error';

/** The records of each section, in the order they were appended. */
export type SectionRecords = ReadonlyMap<string, readonly unknown[]>;

/** Provides the records that recreate a section's current state, for compaction. */
export type SnapshotProvider = () => readonly unknown[];

/** One record for one section, as `appendAll` takes them. */
export type SectionRecord = readonly [section: string, record: unknown];

/**
 * Everything a bot must not lose in a crash goes through one StateStore: the session (credentials,
 * cookies, sync keys, the dedupe window), the inbox journal, the outbox (queued actions, outcomes,
 * breakers, cap counters) and plugin storage. Each owner keeps a named *section* of small JSON
 * records that replay into its state; the store only orders and keeps them.
 *
 * Semantics every implementation keeps (the conformance suite in `@wxbot/testkit` checks them):
 * - **Order.** Records are kept in the order of the calls that appended them, across sections.
 *   `open()` returns each section's records in that order.
 * - **Durability.** `append()` and `appendAll()` resolve once their records are durable: a crash
 *   of the process after that loses none of them (what "durable" means beyond a process crash is
 *   the implementation's: the file log survives a process crash, not a power loss; a Redis store
 *   follows the server's persistence settings). `appendLazy()` may hold its record for up to
 *   100 ms; use it only where a lost record costs repeated work, never a loss.
 * - **Prefix.** After a crash the surviving records are a prefix of the appended sequence: if a
 *   record survived, every record appended before it did too.
 * - **Batches.** `appendAll()` keeps its records next to each other, in the given order; with the
 *   prefix rule, a later record of the batch never survives without the earlier ones. The receive
 *   path relies on it: a batch's journal entry comes before its sync keys, so the keys are never
 *   saved for messages that are not journalled.
 * - **Compaction.** An implementation may replace a section's records by its snapshot provider's
 *   records at any time; owners change their in-memory state before (or in the same tick as) they
 *   append the record describing the change, so a snapshot never misses one.
 * - **Failures.** A write that fails is reported through the implementation's error callback and
 *   retried with the next write; the promise still resolves (the records stay in memory), so a
 *   disk that is full for a moment does not stop the bot.
 * @example
 * const store: StateStore = new StateLog(path.join(home, 'state.log'), { onError: report });
 * store.register('inbox', () => [{ a: pending }]);
 * const saved = await store.open(); // saved.get('inbox'): that section's records
 * await store.appendAll([['inbox', { a: [entry] }], ['session', { k: keys }]]);
 */
export interface StateStore {
  /** Where the state lives, for messages (a file path, a Redis URL without its password). */
  readonly location: string;
  /** A section's snapshot provider; register every section before the first append. */
  register(section: string, snapshot: SnapshotProvider): void;
  /** Read the saved records (once; later calls return the same) and get ready to append. */
  open(): Promise<SectionRecords>;
  /** Append one record; resolves once it is durable. */
  append(section: string, record: unknown): Promise<void>;
  /** Append records of several sections together, in order; resolves once all are durable. */
  appendAll(records: readonly SectionRecord[]): Promise<void>;
  /** Append a record nobody waits for: it goes out with the next write, or within 100 ms. */
  appendLazy(section: string, record: unknown): Promise<void>;
  /** Resolves once everything appended so far is durable. */
  flush(): Promise<void>;
  /** Replace the stored records by the sections' snapshots now. */
  compact(): Promise<void>;
  /** Flush and release the store's resources; appends after this reopen it. */
  close(): Promise<void>;
}

/** The check every implementation makes when a section registers (WXBOT_STORE_SECTION). */
export function checkSectionName(section: string, registered: ReadonlyMap<string, unknown>): void {
  if (!section || section.includes('\t') || section.includes('\n')) {
    throw new WxbotError('WXBOT_STORE_SECTION', `state store: bad section name ${JSON.stringify(section)}; use a non-empty name without tabs or newlines`, { section });
  }
  if (registered.has(section)) {
    throw new WxbotError('WXBOT_STORE_SECTION', `state store: section "${section}" registered twice; each owner registers its own section once`, { section });
  }
}

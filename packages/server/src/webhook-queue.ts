import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StateStore } from '@wxbot/core';
import type { ApiEvent } from './event-hub';

/** One event waiting to reach one webhook. */
export interface Delivery {
  id: string;
  url: string;
  event: ApiEvent;
  attempts: number;
  /** Epoch ms of the next attempt. */
  dueAt: number;
}

/** The file under the bot's home that keeps undelivered events across restarts. */
export const PENDING_FILE = 'webhooks-pending.json';
/** Most deliveries kept per URL; beyond it the oldest are dropped (and logged). */
export const MAX_PENDING_PER_URL = 10_000;

/** The records of the `webhooks` section of a state store. */
type QueueRecord = { all: Delivery[] } | { a: Delivery } | { d: string } | { r: string; n: number };

/**
 * Deliveries not yet acknowledged, persisted after every change so a restart resumes them:
 * at-least-once. Either one JSON file in the home (0600, replaced atomically), or, given a
 * `store` (the bot's Redis state store), its `webhooks` section: one small record per change,
 * so the deliveries move with the account to another worker.
 */
export class WebhookQueue {
  private pending: Delivery[] = [];
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly file: string;

  constructor(home: string, private readonly store?: StateStore) {
    this.file = path.join(home, PENDING_FILE);
    store?.register('webhooks', () => [{ all: this.pending }]);
  }

  /** Loads what a previous run left, keeping only URLs still configured. */
  async load(urls: ReadonlySet<string>): Promise<number> {
    if (this.store) {
      this.pending = replay(((await this.store.open()).get('webhooks') ?? []) as QueueRecord[]).filter((d) => urls.has(d.url));
      return this.pending.length;
    }
    const text = await readFile(this.file, 'utf8').catch(() => '');
    if (!text) return 0;
    try {
      const saved = JSON.parse(text) as Delivery[];
      this.pending = saved.filter((d) => urls.has(d.url)).map((d) => ({ ...d, dueAt: 0 }));
    } catch {
      this.pending = [];
    }
    return this.pending.length;
  }

  /** Adds a delivery; returns how many old ones were dropped for this URL's cap. */
  add(url: string, event: ApiEvent): number {
    this.pending.push({ id: randomUUID(), url, event, attempts: 0, dueAt: 0 });
    const mine = this.pending.filter((d) => d.url === url);
    const excess = mine.length - MAX_PENDING_PER_URL;
    const added = this.pending[this.pending.length - 1] as Delivery;
    this.record({ a: added });
    if (excess > 0) {
      const drop = new Set(mine.slice(0, excess));
      this.pending = this.pending.filter((d) => !drop.has(d));
      for (const d of drop) this.record({ d: d.id });
    }
    this.save();
    return Math.max(0, excess);
  }

  /** The oldest delivery of `url` (deliveries to one URL go in order). */
  head(url: string): Delivery | undefined {
    return this.pending.find((d) => d.url === url);
  }

  done(delivery: Delivery): void {
    this.pending = this.pending.filter((d) => d !== delivery);
    this.record({ d: delivery.id });
    this.save();
  }

  retryLater(delivery: Delivery, dueAt: number): void {
    delivery.attempts += 1;
    delivery.dueAt = dueAt;
    this.record({ r: delivery.id, n: delivery.attempts });
    this.save();
  }

  get size(): number {
    return this.pending.length;
  }

  /** Resolves once the last change is on disk. */
  async flush(): Promise<void> {
    await this.writing;
    await this.store?.flush().catch(() => undefined);
  }

  // In the store: one record per change, nobody waits (a record lost in a crash repeats a
  // delivery, as a file not yet rewritten does). A refused write (lease lost) changes nothing here.
  private record(record: QueueRecord): void {
    this.store?.append('webhooks', record).catch(() => undefined);
  }

  // One write at a time; changes during a write are coalesced into the next one.
  private save(): void {
    if (this.store || this.dirty) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      const tmp = `${this.file}.tmp`;
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFile(tmp, JSON.stringify(this.pending), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, this.file);
    }).catch(() => undefined);
  }
}

/** The deliveries the `webhooks` records of a store leave. */
function replay(records: readonly QueueRecord[]): Delivery[] {
  let pending = new Map<string, Delivery>();
  for (const r of records) {
    if ('all' in r) pending = new Map(r.all.map((d) => [d.id, d]));
    else if ('a' in r) pending.set(r.a.id, { ...r.a });
    else if ('d' in r) pending.delete(r.d);
    else {
      const d = pending.get(r.r);
      if (d) d.attempts = r.n;
    }
  }
  return [...pending.values()].map((d) => ({ ...d, dueAt: 0 }));
}

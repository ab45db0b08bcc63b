import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * Deliveries not yet acknowledged, persisted as one JSON file (0600, replaced atomically) after
 * every change, so a restart resumes them: at-least-once. A stopgap until the state store has a
 * section for them.
 */
export class WebhookQueue {
  private pending: Delivery[] = [];
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, PENDING_FILE);
  }

  /** Loads what a previous run left, keeping only URLs still configured. */
  async load(urls: ReadonlySet<string>): Promise<number> {
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
    if (excess > 0) {
      const drop = new Set(mine.slice(0, excess));
      this.pending = this.pending.filter((d) => !drop.has(d));
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
    this.save();
  }

  retryLater(delivery: Delivery, dueAt: number): void {
    delivery.attempts += 1;
    delivery.dueAt = dueAt;
    this.save();
  }

  get size(): number {
    return this.pending.length;
  }

  /** Resolves once the last change is on disk. */
  async flush(): Promise<void> {
    await this.writing;
  }

  // One write at a time; changes during a write are coalesced into the next one.
  private save(): void {
    if (this.dirty) return;
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

/** How long a lazy item may wait for another write to carry it. */
const DEFAULT_LAZY_MS = 100;

/** Someone waiting for an item to be committed. */
export interface CommitWaiter {
  resolve(): void;
  reject(err: Error): void;
}

/** What a write takes from the queue: the items in order, and who waits for them. */
export interface CommitGroup<T> {
  items: T[];
  waiters: CommitWaiter[];
}

/** How the owner writes: one group at a time. */
export interface GroupWriter {
  /**
   * Write one group: take the queue (`take()`), commit it, settle its waiters. Resolves false to
   * stop the loop (the write failed and was reported): the next add or `start()` runs it again.
   */
  writeGroup(): Promise<boolean>;
  /** Work besides queued items (a compaction asked for); the loop runs while this or the queue has some. */
  more?(): boolean;
  /** How long a lazy item may wait for another write to carry it. Default 100 ms. */
  lazyMs?: number;
}

/**
 * The scheduling of a group commit, shared by the stores (the file state log, the Redis store):
 * everything added in one tick, and while a write is in flight, goes out in the next write
 * together. One write loop runs at a time; it calls the owner's `writeGroup` while items are
 * queued. Lazy items (nobody waits for them) ride along with the next write, or start one after
 * `lazyMs`.
 * @example
 * const commits: GroupCommit<string> = new GroupCommit<string>({
 *   async writeGroup() {
 *     const { items, waiters } = commits.take();
 *     await writeLines(items);
 *     for (const w of waiters) w.resolve();
 *     return true;
 *   },
 * });
 * await Promise.all([commits.add(['a']), commits.add(['b'])]); // one write: a, b
 */
export class GroupCommit<T> {
  private items: T[] = [];
  private waiters: CommitWaiter[] = [];
  private running: Promise<void> | undefined;
  private lazyTimer: NodeJS.Timeout | undefined;
  /** Adds so far, and as of the last take(): tells whether anything came after a failed group. */
  private adds = 0;
  private addsAtTake = 0;

  constructor(private readonly writer: GroupWriter) {}

  /** Items wait for a write. */
  get queued(): boolean {
    return this.items.length > 0;
  }

  /** Queue items; resolves (or rejects) when the owner's write settles them. */
  add(items: readonly T[]): Promise<void> {
    const settled = this.queue(items);
    this.start();
    return settled;
  }

  /** Queue items nobody waits for: they go out with the next write, or within `lazyMs`. */
  addLazy(items: readonly T[]): Promise<void> {
    const settled = this.queue(items);
    if (!this.running && !this.lazyTimer) {
      this.lazyTimer = setTimeout(() => {
        this.lazyTimer = undefined;
        this.start();
      }, this.writer.lazyMs ?? DEFAULT_LAZY_MS);
      this.lazyTimer.unref();
    }
    return settled;
  }

  /** Start the write loop unless it runs (with nothing queued it writes only if `more()`). */
  start(): void {
    this.running ??= this.run();
  }

  /** For the write loop: everything queued so far, now one group; the queue starts empty. */
  take(): CommitGroup<T> {
    const group = { items: this.items, waiters: this.waiters };
    this.addsAtTake = this.adds;
    this.items = [];
    this.waiters = [];
    return group;
  }

  /** A write failed: its items go first into the next write (their waiters were settled). */
  putBack(items: readonly T[]): void {
    this.items = [...items, ...this.items];
  }

  /** Resolves once everything queued so far has been written (or given up). */
  async flush(): Promise<void> {
    if (this.items.length > 0) this.start();
    while (this.running) await this.running;
  }

  /** Drop the queue and the lazy timer (a killed store); returns the waiters to settle. */
  cancel(): CommitWaiter[] {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    return this.take().waiters;
  }

  private queue(items: readonly T[]): Promise<void> {
    for (const item of items) this.items.push(item);
    this.adds += 1;
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private async run(): Promise<void> {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    // Let every add of the current tick join this write.
    await Promise.resolve();
    let stopped = false;
    try {
      // The check and the end of the loop are in one tick: an add after it starts a new loop.
      while (this.items.length > 0 || (this.writer.more?.() ?? false)) {
        if (!(await this.writer.writeGroup())) {
          stopped = true;
          break;
        }
      }
    } finally {
      this.running = undefined;
    }
    // A failed write stopped the loop: an add that came after its group was taken (while the
    // failure was being settled) starts the next write, as an add after the loop would.
    if (stopped && this.adds !== this.addsAtTake) this.start();
  }
}

import type { Logger } from 'pino';

/**
 * Runs tasks one after another per key (a chat) and concurrently across keys, across sync
 * batches, and knows how many are waiting or running (the receive back-pressure) and when none
 * is (for a graceful stop).
 */
export class MessageScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  /** Callers of `below()` waiting for the backlog to fall under their line. */
  private waiters: Array<{ line: number; resolve: () => void }> = [];

  constructor(private readonly log: Logger) {}

  /** Tasks scheduled and not finished (waiting behind their chat, or running). */
  get pending(): number {
    return this.running.size;
  }

  /** Queue `task` behind the earlier ones of `key`; a failure is logged, never thrown. */
  schedule(key: string, id: string, task: () => Promise<void>): void {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task).catch((err: unknown) => this.log.error({ err, msgId: id }, 'message handling failed'));
    this.tails.set(key, run);
    this.running.add(run);
    void run.then(() => {
      this.running.delete(run);
      if (this.tails.get(key) === run) this.tails.delete(key);
      if (this.waiters.length > 0) this.release();
    });
  }

  /**
   * Undefined when fewer than `line` tasks are pending; otherwise a promise that resolves once
   * they are (no timer, no polling: each finished task checks the waiters).
   */
  below(line: number): Promise<void> | undefined {
    if (this.running.size < line) return undefined;
    return new Promise((resolve) => this.waiters.push({ line, resolve }));
  }

  /** Resolves when no task is running or queued. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private release(): void {
    const size = this.running.size;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (size < w.line) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

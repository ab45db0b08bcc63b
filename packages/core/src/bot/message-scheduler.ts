import type { Logger } from 'pino';

/**
 * Runs tasks one after another per key (a chat) and concurrently across keys, across sync
 * batches, and knows when nothing is running (for a graceful stop).
 */
export class MessageScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Queue `task` behind the earlier ones of `key`; a failure is logged, never thrown. */
  schedule(key: string, id: string, task: () => Promise<void>): void {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task).catch((err: unknown) => this.log.error({ err, msgId: id }, 'message handling failed'));
    this.tails.set(key, run);
    this.running.add(run);
    void run.then(() => {
      this.running.delete(run);
      if (this.tails.get(key) === run) this.tails.delete(key);
    });
  }

  /** Resolves when no task is running or queued. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

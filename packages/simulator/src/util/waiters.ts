/**
 * Long-poll holds that end on a timeout, a wake-up or an abort. Used by the
 * login poll and synccheck: a waiting poll must answer at once when the phone
 * confirms or a message arrives, and everything must end on `close()`.
 */
export class Waiters {
  private readonly pending = new Set<() => void>();

  /** Resolves `true` when woken, `false` on timeout or abort. */
  wait(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (woken: boolean): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(wake);
        resolve(woken);
      };
      const wake = (): void => finish(true);
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      this.pending.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  wakeAll(): void {
    for (const wake of [...this.pending]) wake();
  }

  get size(): number {
    return this.pending.size;
  }
}

/** Resolves after `ms` or as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Waiters().wait(ms, signal).then(() => undefined);
}

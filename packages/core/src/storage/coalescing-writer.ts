/**
 * Serialises writes of one file and coalesces bursts: `write()` resolves once a write that
 * started after the call has finished, so the state at call time is on disk. Many calls
 * during one write cost one more write, not many.
 */
export class CoalescingWriter {
  private dirty = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  write(): Promise<void> {
    this.dirty = true;
    if (!this.running) {
      this.running = (async () => {
        while (this.dirty) {
          this.dirty = false;
          try {
            await this.save();
          } catch (err) {
            this.onError(err as Error);
          }
        }
        this.running = undefined;
      })();
    }
    return this.running;
  }

  /** Resolves when nothing is being written. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}

/**
 * The MsgIds handled most recently, bounded: a message seen again (a duplicate entry, the
 * server's echo of our own send, a replay after a restart) is recognised and skipped.
 */
export class DedupeWindow {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5000, initial: readonly string[] = []) {
    for (const id of initial.slice(-capacity)) this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Record an id; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // Sets iterate in insertion order, so the first one is the oldest.
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }

  /** Oldest first, for persistence. */
  toArray(): string[] {
    return [...this.ids];
  }
}

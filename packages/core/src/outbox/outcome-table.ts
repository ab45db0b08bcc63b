import type { StoredOutcome } from './outbox-store';

/** A remembered outcome: its JSON form (persisted) and, in this run, the live result. */
export interface Outcome {
  outcome: StoredOutcome;
  live?: unknown;
}

/** `msg:42#3` → `msg:42#`: the keys of one message's actions share it. */
function scopeOf(idem: string): string {
  return idem.slice(0, idem.lastIndexOf('#') + 1);
}

/**
 * Outcomes by idempotency key, bounded (oldest out first), with an index by scope so that
 * dropping one message's outcomes does not scan the table: it is done once per handled message.
 */
export class OutcomeTable {
  private readonly byKey = new Map<string, Outcome>();
  private readonly byScope = new Map<string, Set<string>>();

  constructor(private readonly capacity: number) {}

  get(idem: string): Outcome | undefined {
    return this.byKey.get(idem);
  }

  set(idem: string, entry: Outcome): void {
    this.byKey.set(idem, entry);
    const scope = scopeOf(idem);
    let keys = this.byScope.get(scope);
    if (!keys) this.byScope.set(scope, (keys = new Set()));
    keys.add(idem);
    if (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
  }

  /** Drop every outcome whose key is `<scope><n>` (scope ends with `#`). */
  forgetScope(scope: string): void {
    for (const idem of this.byScope.get(scope) ?? []) this.byKey.delete(idem);
    this.byScope.delete(scope);
  }

  /** Drop the outcomes of every scope for which `drop` says so. */
  forgetScopes(drop: (scope: string) => boolean): void {
    for (const scope of [...this.byScope.keys()]) if (drop(scope)) this.forgetScope(scope);
  }

  outcomes(): StoredOutcome[] {
    return [...this.byKey.values()].map((d) => d.outcome);
  }

  private delete(idem: string): void {
    this.byKey.delete(idem);
    const scope = scopeOf(idem);
    const keys = this.byScope.get(scope);
    keys?.delete(idem);
    if (keys?.size === 0) this.byScope.delete(scope);
  }
}

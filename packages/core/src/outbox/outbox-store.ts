import type { BreakerState } from './breaker';

/** The outbox's section in the state log. */
export const OUTBOX_SECTION = 'outbox';

/** One queued action as persisted. */
export interface StoredAction {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  risky: boolean;
  /** Idempotency key: a second submit with it returns the first one's outcome. */
  idem?: string;
  /** Fixed before the first attempt and reused by every retry and after restarts (docs/protocol.md 9.1). */
  clientMsgId: string;
  createdAt: number;
  attempts: number;
}

/** Outcome of a finished action with an idempotency key (JSON form of the result). */
export interface StoredOutcome {
  idem: string;
  at: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** The outbox's saved state, as `replayOutbox` rebuilds it. */
export interface OutboxState {
  queue: StoredAction[];
  done: StoredOutcome[];
  breakers: Record<string, BreakerState>;
  /** Daily cap counters of `day`. */
  day: string;
  counts: Record<string, number>;
}

/**
 * Outbox records:
 * - `q`: an action queued (write-ahead, before its first attempt);
 * - `n`: an action's attempt count after a failed attempt;
 * - `f`: an action finished (sent, failed for good, or dropped), with its outcome when it has
 *   an idempotency key, and the day's cap counters after it;
 * - `o`: remembered outcomes (compaction);
 * - `b`: a breaker's state after it tripped;
 * - `c`: the day's cap counters (compaction).
 */
export type OutboxRecord =
  | { q: StoredAction }
  | { n: string; attempts: number }
  | { f: string; o?: StoredOutcome; day?: string; counts?: Record<string, number> }
  | { o: StoredOutcome[] }
  | { b: string; s: BreakerState }
  | { c: Record<string, number>; day: string };

function isAction(a: Partial<StoredAction> | undefined): a is StoredAction {
  return !!a && typeof a.id === 'string' && typeof a.kind === 'string' && typeof a.key === 'string';
}

function isOutcome(o: Partial<StoredOutcome> | undefined): o is StoredOutcome {
  return !!o && typeof o.idem === 'string';
}

/** The state a sequence of outbox records leaves (malformed records are skipped). */
export function replayOutbox(records: readonly unknown[] = []): OutboxState {
  const queue = new Map<string, StoredAction>();
  const done = new Map<string, StoredOutcome>();
  const breakers: Record<string, BreakerState> = {};
  let day = '';
  let counts: Record<string, number> = {};
  for (const r of records as Array<Record<string, unknown>>) {
    if (!r || typeof r !== 'object') continue;
    if ('q' in r) {
      const a = r['q'] as Partial<StoredAction>;
      if (isAction(a)) queue.set(a.id, a);
    } else if ('n' in r) {
      const a = queue.get(String(r['n']));
      if (a) a.attempts = Number(r['attempts']) || 0;
    } else if ('f' in r) {
      queue.delete(String(r['f']));
      const o = r['o'] as Partial<StoredOutcome> | undefined;
      if (isOutcome(o)) done.set(o.idem, o);
      if (typeof r['day'] === 'string' && r['counts'] && typeof r['counts'] === 'object') {
        day = r['day'];
        counts = r['counts'] as Record<string, number>;
      }
    } else if ('o' in r && Array.isArray(r['o'])) {
      for (const o of r['o'] as Array<Partial<StoredOutcome>>) if (isOutcome(o)) done.set(o.idem, o);
    } else if ('b' in r) {
      const s = r['s'] as BreakerState | undefined;
      if (s && typeof s.trips === 'number') breakers[String(r['b'])] = s;
    } else if ('c' in r && typeof r['day'] === 'string' && r['c'] && typeof r['c'] === 'object') {
      day = r['day'];
      counts = r['c'] as Record<string, number>;
    }
  }
  return { queue: [...queue.values()], done: [...done.values()], breakers, day, counts };
}

/** The records that recreate `state` (what compaction writes). */
export function outboxSnapshot(state: OutboxState): OutboxRecord[] {
  const records: OutboxRecord[] = state.queue.map((q) => ({ q }));
  if (state.done.length > 0) records.push({ o: state.done });
  for (const [kind, s] of Object.entries(state.breakers)) records.push({ b: kind, s });
  if (state.day) records.push({ c: state.counts, day: state.day });
  return records;
}

/** The persisted form of an action (without the fields that only live in memory). */
export function storedAction(e: StoredAction): StoredAction {
  return { id: e.id, kind: e.kind, key: e.key, payload: e.payload, risky: e.risky, ...(e.idem !== undefined ? { idem: e.idem } : {}), clientMsgId: e.clientMsgId, createdAt: e.createdAt, attempts: e.attempts };
}

/** The JSON form of an executor's result, as an outcome keeps it (undefined when it has none). */
export function jsonOf(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return undefined;
  }
}

import type { Logger } from 'pino';
import { WxbotError } from '../errors/wxbot-error';
import { RECENT_ID_CAPACITY } from '../limits';
import { StateLog } from '../storage/state-log';
import type { StateStore } from '../storage/state-store';
import { AdmissionControl } from './admission';
import { systemClock, type Clock } from './clock';
import { nextScopedKey } from './idempotency';
import type { Governor } from './governor/governor';
import { DEFAULT_RETRY, type OutboxOptions } from './options';
import { OutboxJournal } from './outbox-journal';
import { jsonOf, storedAction as stored, type OutboxState, type StoredAction, type StoredOutcome } from './outbox-store';
import { newEntry, type Entry } from './entry';
import { OutcomeTable } from './outcome-table';
import { WakeTimer } from './wake-timer';
import { DelayNotice } from './delay-notice';
import { afterFailure, endpointOf } from './retry-policy';
import type { Executor, ExecutorContext, Outbox, OutboxAction, QueuedView, Settler } from './types';

export interface ReliableOutboxInit extends OutboxOptions {
  /** The bot's state store (shared with the session and the inbox): the outbox keeps its section there. */
  stateLog?: StateStore;
  /** Or a state log file of the outbox's own. Without either, nothing is persisted. */
  file?: string;
  log: Logger;
  /** A final failure nobody awaits (an action resumed from disk): report it. */
  onUnclaimedFailure?(err: WxbotError): void;
  /** Tells whether an action with an unknown outcome was carried out (see Settler). */
  settler?: Settler;
}

/**
 * The outbox: every outgoing action queued, paced, retried and persisted.
 *
 * - Order: actions with the same `key` (chat) run one at a time in submission order;
 *   different chats run concurrently (up to `concurrency`).
 * - Pace: a global, a per-chat and (for risky actions) a risky token bucket, plus jitter
 *   whenever an action has to wait; daily caps per kind and for risky actions.
 * - "Too frequent" (1205): the kind's circuit breaker opens; the action stays queued and is
 *   sent after the cooldown. Network errors and 5xx: retried with exponential backoff, then
 *   rejected with WXBOT_SEND_FAILED (and logged). Nothing is dropped silently.
 * - Persistence: an action is in the state store (by default `<home>/state.log`) before its first
 *   attempt (write-ahead) and leaves the queue there only with its outcome; `load()` brings
 *   it back after a restart. With an idempotency key, a re-submit (the same message handled
 *   again) gets the first outcome.
 * @example
 * const outbox = new ReliableOutbox({ file: path.join(home, 'outbox.log'), log });
 * outbox.register('text', sendTextExecutor);
 * await outbox.load();
 * outbox.resume(() => executorContext);
 * await outbox.submit({ kind: 'text', key: to, payload: { to, text } });
 */
export class ReliableOutbox implements Outbox {
  private readonly executors = new Map<string, Executor>();
  private queue: Entry[] = [];
  private readonly running = new Set<Entry>();
  private readonly busyKeys = new Set<string>();
  /** Outcomes remembered for idempotency keys (a message handled again after a crash). */
  private readonly done = new OutcomeTable(RECENT_ID_CAPACITY);
  private readonly gate: AdmissionControl;
  private readonly journal: OutboxJournal;
  /** The outbox opened its own log (`file`), so it closes it too. */
  private readonly ownsLog: boolean;
  private context: (() => ExecutorContext | undefined) | undefined;
  private readonly wake: WakeTimer;
  private readonly delays: DelayNotice;
  private drainWaiters: Array<() => void> = [];
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(private readonly init: ReliableOutboxInit) {
    this.clock = init.clock ?? systemClock;
    this.log = init.log;
    this.wake = new WakeTimer(this.clock, () => this.pump());
    this.delays = new DelayNotice(this.log);
    const onError = (err: Error): void => this.log.error({ err: err.message }, 'could not save the outbox');
    const own = init.file && !init.stateLog ? new StateLog(init.file, { onError }) : undefined;
    const store = init.persist === false ? undefined : (init.stateLog ?? own);
    this.ownsLog = store !== undefined && store === own;
    this.journal = new OutboxJournal(store, () => this.state());
    this.gate = new AdmissionControl(init, this.clock, this.log);
  }

  /**
   * The safety governor: caps left today, breakers, quiet hours (docs/safety.md).
   * @example bot.outbox.governor.status().caps.text?.remaining;
   */
  get governor(): Governor {
    const setChatQuietHours: Governor['setChatQuietHours'] = (chat, window) => (this.gate.parts.setChatQuietHours(chat, window), this.pump());
    return { status: () => this.gate.status(this.running, this.clock.now()), setChatQuietHours };
  }

  /** The clock the outbox paces with (broadcast spaces its targets with it). */
  get time(): Clock {
    return this.clock;
  }

  register<P, R>(kind: string, executor: Executor<P, R>): void {
    if (this.executors.has(kind)) throw new WxbotError('WXBOT_OUTBOX_KIND_TWICE', `outbox: the action kind "${kind}" is registered twice; register each kind once (bot/action-kinds.ts)`, { kind });
    this.executors.set(kind, executor as Executor);
  }

  /** Actions queued or running. */
  get size(): number {
    return this.queue.length;
  }

  /**
   * What is queued (oldest first) and each breaker's state, for operators (control API, metrics);
   * without payloads, which hold message text and file paths.
   * @example bot.outbox.inspect().queued.length; // actions waiting or running
   */
  inspect(): { queued: QueuedView[]; breakers: Record<string, 'closed' | 'open' | 'half-open'> } {
    const now = this.clock.now();
    return {
      queued: this.queue.map((e) => ({ id: e.id, kind: e.kind, key: e.key, attempts: e.attempts, createdAt: e.createdAt, running: this.running.has(e) })),
      breakers: this.gate.breakerStates(now),
    };
  }

  /**
   * Read the outbox file: queued actions (older than `maxAgeMs` are dropped with a warning),
   * remembered outcomes, breaker states and today's cap counters. Call before `resume`.
   */
  async load(): Promise<void> {
    let saved: OutboxState | undefined;
    try {
      saved = await this.journal.load();
    } catch (err) {
      this.log.error({ err: (err as Error).message, store: this.journal.location }, 'state store unreadable; starting with an empty outbox');
      return;
    }
    if (!saved) return;
    const expired = this.gate.expired(saved.queue, this.clock.now());
    if (expired.length > 0) this.log.warn({ dropped: expired.length, kinds: [...new Set(expired.map((a) => a.kind))], maxAgeMs: this.init.maxAgeMs }, 'dropped queued actions older than outbox.maxAgeMs');
    const known = new Set(this.queue.map((e) => e.id));
    const resumed = saved.queue
      .filter((a) => !expired.includes(a) && !known.has(a.id))
      .map((a): Entry => ({ ...a, risky: a.risky === true, attempts: Number(a.attempts) || 0, persist: true, notBefore: 0, written: Promise.resolve(), waiters: [] }));
    this.queue = [...resumed, ...this.queue];
    for (const d of saved.done) if (!this.done.get(d.idem)) this.done.set(d.idem, { outcome: d });
    this.gate.restore(saved);
    if (resumed.length > 0) this.log.info({ queued: resumed.length }, 'resuming queued outgoing actions');
    // Written ahead but never finished: a send may have been carried out just before the crash.
    for (const e of resumed) if (this.init.settler?.covers(stored(e))) this.settle(e);
    for (const a of expired) void this.journal.finished(a.id, undefined);
    this.pump();
  }

  submit<R = unknown>(action: OutboxAction): Promise<R> {
    if (!this.executors.has(action.kind)) {
      const known = [...this.executors.keys()].join(', ');
      return Promise.reject(new WxbotError('WXBOT_OUTBOX_UNKNOWN_KIND', `outbox: no executor for the action kind "${action.kind}"; known kinds: ${known || 'none'}. Register it before submitting.`, { kind: action.kind }));
    }
    const idem = action.idempotencyKey ?? nextScopedKey();
    if (idem !== undefined) {
      const known = this.done.get(idem);
      if (known) {
        this.log.debug({ idem, kind: action.kind }, 'action already done; returning its outcome');
        if (known.outcome.ok) return Promise.resolve((known.live ?? known.outcome.result) as R);
        return Promise.reject(new WxbotError('WXBOT_SEND_FAILED', `${action.kind} to ${action.key} already failed: ${known.outcome.error ?? 'unknown error'}`, { kind: action.kind, key: action.key }));
      }
      const queued = this.queue.find((e) => e.idem === idem);
      if (queued) return new Promise<R>((resolve, reject) => queued.waiters.push({ resolve: resolve as (v: unknown) => void, reject }));
    }
    return new Promise<R>((resolve, reject) => {
      const persist = this.journal.enabled && action.persist !== false;
      const entry = newEntry(action, idem, persist, this.clock.now(), { resolve: resolve as (v: unknown) => void, reject });
      this.queue.push(entry);
      // Write-ahead: besides the action, this fixes its ClientMsgId on disk before the first
      // attempt, so a resend after a crash is the same message to the server, not a new one.
      if (persist) entry.written = this.journal.queued(stored(entry));
      this.pump();
    });
  }

  /** Re-address queued actions after a new login (bot/retarget.ts): `plan` gives each its new key and
   * payload (written ahead again), 'hold' (unsent until a later call), an error (fails it) or undefined. */
  async retarget(plan: (action: StoredAction) => { key: string; payload: unknown } | 'hold' | WxbotError | undefined): Promise<void> {
    const writes: Array<Promise<void>> = [];
    for (const e of [...this.queue]) {
      const next = plan(stored(e));
      e.notBefore = next === 'hold' ? Infinity : e.notBefore === Infinity ? 0 : e.notBefore;
      if (next instanceof WxbotError && !this.running.has(e)) writes.push(this.fail(e, next));
      else if (next && typeof next === 'object' && !(next instanceof WxbotError)) {
        Object.assign(e, next);
        if (e.persist) writes.push((e.written = this.journal.queued(stored(e))));
      }
    }
    await Promise.all(writes);
    this.pump();
  }

  resume(ctx: () => ExecutorContext | undefined): void {
    this.context = ctx;
    this.pump();
  }

  pause(): void {
    this.context = undefined;
    this.wake.cancel();
  }

  /**
   * Drop the recorded outcomes of the keys `<scope><n>` (scope ends with `#`, e.g. `msg:42#`).
   * The Bot calls it once a message is durably marked handled (it can no longer be replayed,
   * so its replies' outcomes are never asked for again); this keeps the table small.
   */
  forget(scope: string): void {
    this.done.forgetScope(scope);
  }

  /**
   * Drop the outcomes of every scope `drop` names. At start the Bot drops those of the
   * messages a previous run finished (only journalled ones can replay); they came back from
   * the log and would otherwise stay, never asked for again.
   */
  forgetScopes(drop: (scope: string) => boolean): void {
    this.done.forgetScopes(drop);
  }

  async drain(timeoutMs: number): Promise<number> {
    if (this.queue.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => ((timer = setTimeout(resolve, timeoutMs)), this.drainWaiters.push(resolve)));
      clearTimeout(timer);
    }
    await this.journal.flush();
    return this.queue.length;
  }

  /**
   * Stop for good: pause, and reject the callers still waiting with WXBOT_STOPPED. Persisted
   * actions stay in the file and are sent after the next start; unpersisted ones are dropped
   * (and said so in the rejection).
   */
  async close(): Promise<void> {
    this.pause();
    for (const e of this.queue) {
      const rest = e.persist ? 'it stays queued and is sent after the next start' : 'it was not persisted and is dropped';
      for (const w of e.waiters.splice(0)) w.reject(new WxbotError('WXBOT_STOPPED', `bot stopped before ${e.kind} to ${e.key} was done; ${rest}`, { kind: e.kind, key: e.key }));
    }
    this.queue = this.queue.filter((e) => e.persist);
    if (this.ownsLog) await this.journal.close();
    else await this.journal.flush();
  }

  private state(): OutboxState {
    return { queue: this.queue.filter((e) => e.persist).map(stored), done: this.done.outcomes(), ...this.gate.state() };
  }

  /** Start every action whose turn it is; arm a timer for the earliest one that has to wait. */
  private pump(): void {
    if (!this.context) return;
    const now = this.clock.now();
    const concurrency = Math.max(1, this.init.concurrency ?? 4);
    let wakeAt = Infinity;
    const headsSeen = new Set<string>();
    for (const e of [...this.queue]) {
      if (headsSeen.has(e.key)) continue;
      headsSeen.add(e.key);
      if (this.busyKeys.has(e.key) || e.settling) continue;
      if (this.running.size >= concurrency) break;
      const decision = this.gate.admit(e, this.running, now);
      if (decision.go) {
        this.gate.take(e, now);
        this.start(e);
      } else if ('fail' in decision) {
        void this.fail(e, decision.fail);
        wakeAt = now;
      } else {
        wakeAt = Math.min(wakeAt, decision.waitUntil);
        this.delays.held(e, decision.waitUntil - now);
      }
    }
    this.wake.at(wakeAt);
  }

  private start(e: Entry): void {
    const key = e.key; // as it started: retarget() may re-address a running entry
    this.running.add(e);
    this.busyKeys.add(key);
    void this.attempt(e).finally(() => {
      this.running.delete(e);
      this.busyKeys.delete(key);
      this.settleDrain();
      this.pump();
    });
  }

  private async attempt(e: Entry): Promise<void> {
    // Write-ahead: the action is on disk before the server can see it.
    await e.written;
    const base = this.context?.();
    const executor = this.executors.get(e.kind);
    if (!base || !executor) {
      this.gate.finished(e.kind);
      return;
    }
    let result: unknown;
    e.startedAt = this.clock.now();
    try {
      result = await executor({ ...base, clientMsgId: e.clientMsgId, attempt: e.attempts + 1 }, e.payload);
    } catch (err) {
      await this.failedAttempt(e, err, base.signal);
      return;
    }
    await this.succeed(e, result);
  }

  private async failedAttempt(e: Entry, err: unknown, signal: AbortSignal): Promise<void> {
    const what = { kind: e.kind, key: e.key, err: err instanceof Error ? err.message : String(err) };
    const settles = this.init.settler?.covers(stored(e), endpointOf(err)) === true;
    const next = afterFailure(err, signal, e.attempts, this.clock.now(), this.init, () => this.clock.random(), settles);
    if (next.do === 'cooldown') {
      const cooldownMs = this.gate.rateLimited(e.kind, this.clock.now());
      void this.journal.breaker(e.kind, this.gate.breakerState(e.kind));
      if (e.failOnRateLimit) {
        this.log.warn({ ...what, cooldownMs }, `server says too frequent: ${e.kind} actions paused; this one fails (it asked to)`);
        return this.fail(e, new WxbotError('WXBOT_TOO_FREQUENT', `${e.kind} to ${e.key} not sent: the server says too frequent (1205); ${e.kind} actions are paused for ${Math.round(cooldownMs / 1000)} s`, { kind: e.kind, key: e.key, cooldownMs }, { cause: err }));
      }
      this.log.warn({ ...what, cooldownMs }, `server says too frequent: ${e.kind} actions paused; this one stays queued`);
      return;
    }
    this.gate.finished(e.kind);
    if (next.do === 'keep') return;
    e.attempts = next.attempts;
    if (next.do === 'fail') return this.fail(e, err);
    if (e.persist) void this.journal.attempts(e.id, e.attempts);
    if (next.do === 'settle') {
      this.log.warn(what, 'the answer to an outgoing action was lost; checking the server\'s echo before sending it again');
      return this.settle(e, err);
    }
    e.notBefore = next.at;
    if (next.reason === 'session') this.log.warn(what, 'session ended during an outgoing action; it stays queued for after the re-login');
    else this.log.warn({ ...what, attempt: e.attempts, retryInMs: next.at - this.clock.now() }, 'outgoing action failed; retrying');
  }

  /**
   * Hold `e` (its chat waits behind it) until the settler knows whether it was carried out. Not
   * carried out after its last attempt (`err`: what that attempt hit): it fails, as a retry would.
   */
  private settle(e: Entry, err?: unknown): void {
    const settler = this.init.settler;
    if (!settler) return;
    e.settling = true;
    void settler.settle(stored(e)).then(
      (r) => {
        e.settling = false;
        if (r.sent) void this.succeed(e, r.result).then(() => (this.settleDrain(), this.pump()));
        else if (err !== undefined && e.attempts >= (this.init.retry?.attempts ?? DEFAULT_RETRY.attempts)) void this.fail(e, err).then(() => this.pump());
        else this.pump();
      },
      () => {
        e.settling = false;
        this.pump();
      },
    );
  }

  private remember(e: Entry, outcome: Omit<StoredOutcome, 'idem' | 'at'>, live?: unknown): StoredOutcome | undefined {
    if (e.idem === undefined) return undefined;
    const stored: StoredOutcome = { idem: e.idem, at: this.clock.now(), ...outcome };
    this.done.set(e.idem, { outcome: stored, live });
    return stored;
  }

  /** The record of a finished action: its outcome and the cap counters after it. */
  private finished(e: Entry, outcome: StoredOutcome | undefined): Promise<void> {
    if (!e.persist && outcome === undefined) return Promise.resolve();
    return this.journal.finished(e.id, outcome, this.gate.today);
  }

  private async succeed(e: Entry, result: unknown): Promise<void> {
    this.queue = this.queue.filter((q) => q !== e);
    if (this.gate.succeeded(e)) void this.journal.breaker(e.kind, this.gate.breakerState(e.kind));
    if (e.startedAt !== undefined) this.init.settler?.succeeded(stored(e), result, e.startedAt);
    const json = jsonOf(result);
    const outcome = this.remember(e, json === undefined ? { ok: true } : { ok: true, result: json }, result);
    // The outcome is on disk before anyone hears of it: a crash after this never resends.
    await this.finished(e, outcome);
    for (const w of e.waiters.splice(0)) w.resolve(result);
  }

  private async fail(e: Entry, err: unknown): Promise<void> {
    if (!this.queue.includes(e)) return;
    this.queue = this.queue.filter((q) => q !== e);
    const error =
      err instanceof WxbotError
        ? err
        : new WxbotError('WXBOT_SEND_FAILED', `${e.kind} to ${e.key} failed${e.attempts > 1 ? ` after ${e.attempts} attempts` : ''}: ${err instanceof Error ? err.message : String(err)}`, { kind: e.kind, key: e.key, attempts: e.attempts }, { cause: err });
    const outcome = this.remember(e, { ok: false, error: error.message });
    this.log.error({ kind: e.kind, key: e.key, code: error.code, err: error.message }, 'outgoing action failed for good');
    await this.finished(e, outcome);
    const waiters = e.waiters.splice(0);
    if (waiters.length === 0) this.init.onUnclaimedFailure?.(error);
    for (const w of waiters) w.reject(error);
    this.settleDrain();
  }

  private settleDrain(): void {
    if (this.queue.length > 0) return;
    for (const done of this.drainWaiters.splice(0)) done();
  }
}

import {
  AbortedError,
  nextSyncState,
  ServerRetError,
  syncCheck,
  webwxSync,
  type SessionContext,
  type SyncResponse,
  type SyncState,
} from '@wxbot/protocol';
import type { Logger } from 'pino';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from '../util/backoff';

export interface SyncLoopOptions {
  /** Credentials inside are updated when the server sends a new skey. */
  ctx: SessionContext;
  log: Logger;
  signal: AbortSignal;
  /**
   * Apply one webwxsync response and persist it, `next` being the keys after it; called in
   * order. The loop moves to `next` once this resolves, so keys are never ahead of what the
   * batch's owner saved.
   */
  onBatch(res: SyncResponse, next: SyncState): Promise<void>;
  /**
   * The server had nothing new for a poll that began at `startedAt` (synccheck selector 0, or a
   * webwxsync with no messages): everything it held before then has been delivered.
   */
  onIdle?(startedAt: number): void;
  /**
   * Back-pressure: undefined when the owner can take another batch now, else a promise that
   * resolves when it can; the loop does not poll before (the messages wait on the server).
   */
  ready?(): Promise<void> | undefined;
  /** Re-run webwxinit (with the loop's current keys) when no synccheck has succeeded for `watchdogMs`. */
  reinit(keys: SyncState): Promise<void>;
  longPollTimeoutMs?: number | undefined;
  watchdogMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
}

export type SyncLoopEnd =
  | { reason: 'stopped' }
  | { reason: 'logout'; code: number; message: string };

function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || err instanceof AbortedError;
}

/** Resolves when `p` settles or `signal` aborts, whichever comes first. */
function untilSettled(p: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    p.then(done, done);
  });
}

/**
 * synccheck -> webwxsync until stopped or the session ends. The loop is the one owner of the
 * sync keys (`keys`); the batch handler gets the next keys as a value. One loop, no recursion:
 * - retcode 1100/1101/1102 (synccheck or a JSON API): the session is over -> 'logout';
 * - network errors, 5xx, garbage bodies, unknown retcodes: back off exponentially with jitter;
 * - no successful synccheck for `watchdogMs`: re-init before polling again;
 * - `ready()` pending (the bot's backlog is above its line): no poll until it resolves.
 * @example
 * const loop = new SyncLoop({ ctx, log, signal, onBatch, reinit }, session.initialSync);
 * const end = await loop.run(); // { reason: 'logout', code: 1101 } or { reason: 'stopped' }
 */
export class SyncLoop {
  private state: SyncState;

  constructor(
    private readonly o: SyncLoopOptions,
    initial: SyncState,
  ) {
    this.state = initial;
  }

  /** The keys of the last batch handled (what a saved session resumes from). */
  get keys(): SyncState {
    return this.state;
  }

  async run(): Promise<SyncLoopEnd> {
    const o = this.o;
    let failures = 0;
    let lastSuccess = Date.now();
    const watchdogMs = o.watchdogMs ?? 60_000;
    while (!o.signal.aborted) {
      try {
        const held = o.ready?.();
        if (held) {
          const heldAt = Date.now();
          await untilSettled(held, o.signal);
          if (o.signal.aborted) break;
          // The watchdog times the server's answers, not a wait the bot chose: the hold does not count.
          lastSuccess += Date.now() - heldAt;
        }
        if (Date.now() - lastSuccess > watchdogMs) {
          o.log.warn({ sinceMs: Date.now() - lastSuccess }, 'watchdog: no successful synccheck recently; re-initialising');
          await o.reinit(this.state);
          lastSuccess = Date.now();
        }
        const pollStartedAt = Date.now();
        const selector = await syncCheck(o.ctx, this.state.syncCheckKey, { signal: o.signal, ...(o.longPollTimeoutMs ? { timeoutMs: o.longPollTimeoutMs } : {}) });
        lastSuccess = Date.now();
        failures = 0;
        // Any non-zero selector means "call webwxsync" (docs/protocol.md); 0 is the hold timing out.
        if (selector === 0) {
          o.onIdle?.(pollStartedAt);
          continue;
        }
        const syncStartedAt = Date.now();
        const res = await webwxSync(o.ctx, this.state.syncKey, o.signal);
        const next = nextSyncState(this.state, res);
        o.ctx.credentials.skey = next.skey;
        await o.onBatch(res, next);
        if ((res.AddMsgList ?? []).length === 0) o.onIdle?.(syncStartedAt);
        this.state = next;
      } catch (err) {
        if (isAbort(err, o.signal)) break;
        if (err instanceof ServerRetError && err.sessionEnded) return { reason: 'logout', code: err.ret, message: err.message };
        const delay = backoffDelay(failures++, o.backoff ?? DEFAULT_BACKOFF);
        o.log.warn({ err: err instanceof Error ? err.message : String(err), attempt: failures, retryInMs: delay }, 'sync failed; backing off');
        try {
          await sleep(delay, o.signal);
        } catch {
          break;
        }
      }
    }
    return { reason: 'stopped' };
  }
}

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
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff';

export interface SyncLoopOptions {
  /** Credentials inside are updated when the server sends a new skey. */
  ctx: SessionContext;
  initial: SyncState;
  log: Logger;
  signal: AbortSignal;
  /** Apply one webwxsync response (contacts, then messages) and persist; called in order. */
  onBatch(res: SyncResponse, next: SyncState): Promise<void>;
  /** Re-run webwxinit when no synccheck has succeeded for `watchdogMs`. */
  reinit(): Promise<void>;
  longPollTimeoutMs?: number;
  watchdogMs?: number;
  backoff?: BackoffPolicy;
}

export type SyncLoopEnd =
  | { reason: 'stopped' }
  | { reason: 'logout'; code: number; message: string };

function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || err instanceof AbortedError;
}

/**
 * synccheck -> webwxsync until stopped or the session ends. One loop, no recursion:
 * - retcode 1100/1101/1102 (synccheck or a JSON API): the session is over -> return 'logout';
 * - network errors, 5xx, garbage bodies, unknown retcodes: back off exponentially with jitter;
 * - no successful synccheck for `watchdogMs`: re-init before polling again.
 */
export async function runSyncLoop(o: SyncLoopOptions): Promise<SyncLoopEnd> {
  let state = o.initial;
  let failures = 0;
  let lastSuccess = Date.now();
  const watchdogMs = o.watchdogMs ?? 60_000;

  while (!o.signal.aborted) {
    try {
      if (Date.now() - lastSuccess > watchdogMs) {
        o.log.warn({ sinceMs: Date.now() - lastSuccess }, 'watchdog: no successful synccheck recently; re-initialising');
        await o.reinit();
        lastSuccess = Date.now();
      }
      const selector = await syncCheck(o.ctx, state.syncCheckKey, {
        signal: o.signal,
        ...(o.longPollTimeoutMs ? { timeoutMs: o.longPollTimeoutMs } : {}),
      });
      lastSuccess = Date.now();
      failures = 0;
      // Any non-zero selector means "call webwxsync" (docs/protocol.md 6.1); 0 is the hold timing out.
      if (selector === 0) continue;
      const res = await webwxSync(o.ctx, state.syncKey, o.signal);
      const next = nextSyncState(state, res);
      o.ctx.credentials.skey = next.skey;
      await o.onBatch(res, next);
      state = next;
    } catch (err) {
      if (isAbort(err, o.signal)) break;
      if (err instanceof ServerRetError && err.sessionEnded) {
        return { reason: 'logout', code: err.ret, message: err.message };
      }
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

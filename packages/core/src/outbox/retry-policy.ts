import { NetworkError, MalformedBodyError, ProtocolError } from '@wxbot/protocol';
import { backoffDelay } from '../util/backoff';
import { classifyFailure } from './failure';
import { DEFAULT_RETRY, type OutboxOptions } from './options';

/** Wait before retrying an action whose session ended (the re-login pauses the outbox meanwhile). */
const SESSION_RETRY_MS = 1000;

/** Errors that say the request never reached the server (so it cannot have been carried out). */
const NOT_SENT_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What to do after a failed attempt, as a value the outbox carries out:
 * - `cooldown`: "too frequent": open the kind's breaker, keep the action queued;
 * - `keep`: the bot is stopping: keep it queued (persisted) for the next start;
 * - `retry`: try again at `at` (`attempts` is the new count; `reason` for the log);
 * - `settle`: the request may have been carried out (the answer was lost): find out from the
 *   server's echo before sending again (docs/reliability.md, "Sends whose answer was lost");
 * - `fail`: give up now.
 */
export type AfterFailure =
  | { readonly do: 'cooldown' }
  | { readonly do: 'keep' }
  | { readonly do: 'retry'; readonly at: number; readonly attempts: number; readonly reason: 'session' | 'transient' }
  | { readonly do: 'settle'; readonly attempts: number }
  | { readonly do: 'fail'; readonly attempts: number };

/**
 * True when a failed request may still have been carried out by the server: the connection
 * broke or timed out after the request went out, or the answer was unreadable. A refused
 * connection, a DNS failure, an HTTP error page or a server's Ret are not ambiguous.
 */
export function mayHaveHappened(err: unknown): boolean {
  if (err instanceof MalformedBodyError) return true;
  if (err instanceof NetworkError) return !NOT_SENT_ERRNOS.has(err.errno ?? '');
  return false;
}

/** The endpoint a protocol error came from ('' for other errors). */
export function endpointOf(err: unknown): string {
  return err instanceof ProtocolError ? err.endpoint : '';
}

/**
 * Decide what follows a failed attempt. `settles`: whether this action's outcome can be told
 * from the server's echo when its answer is lost (the caller knows which kinds and endpoints).
 */
export function afterFailure(err: unknown, signal: AbortSignal, attempts: number, now: number, options: Pick<OutboxOptions, 'retry'>, random: () => number, settles: boolean): AfterFailure {
  switch (classifyFailure(err, signal)) {
    case 'rate-limited':
      return { do: 'cooldown' };
    case 'aborted':
      return { do: 'keep' };
    case 'session':
      return { do: 'retry', at: now + SESSION_RETRY_MS, attempts, reason: 'session' };
    case 'transient': {
      const next = attempts + 1;
      if (settles && mayHaveHappened(err)) return { do: 'settle', attempts: next };
      const retry = { ...DEFAULT_RETRY, ...options.retry };
      if (next >= retry.attempts) return { do: 'fail', attempts: next };
      return { do: 'retry', at: now + backoffDelay(next - 1, retry, random), attempts: next, reason: 'transient' };
    }
    case 'fatal':
      return { do: 'fail', attempts };
  }
}

import { AbortedError, HttpStatusError, MalformedBodyError, NetworkError, Ret, ServerRetError } from '@wxbot/protocol';

/**
 * What a failed attempt means for the action:
 * - `rate-limited`: "too frequent" (1205, 1105, or the server's text says so): trip the kind's
 *   breaker, keep the action queued;
 * - `transient`: network error, timeout, 5xx, garbage body, Ret -1: retry with backoff;
 * - `session`: the session ended (1100/1101/1102): keep it queued for after the re-login;
 * - `aborted`: the bot is stopping: keep it queued (persisted) for the next start;
 * - `fatal`: anything else (1204 not a friend, 1201 no such group, a bug): fail it now.
 */
export type FailureClass = 'rate-limited' | 'transient' | 'session' | 'aborted' | 'fatal';

// Texts the server and the phone use for frequency blocks (docs/protocol.md 15).
const TOO_FREQUENT = /频繁|too frequent|too often|frequency limit/i;

export function classifyFailure(err: unknown, signal?: AbortSignal): FailureClass {
  if (signal?.aborted || err instanceof AbortedError) return 'aborted';
  if (err instanceof ServerRetError) {
    if (err.rateLimited || err.ret === Ret.API_FREQUENCY || TOO_FREQUENT.test(err.errMsg)) return 'rate-limited';
    if (err.sessionEnded) return 'session';
    if (err.ret === Ret.SYSTEM_ERROR) return 'transient';
    return 'fatal';
  }
  // Executors of other packages may signal a frequency block on their own error type.
  if (typeof err === 'object' && err !== null && (err as { rateLimited?: unknown }).rateLimited === true) return 'rate-limited';
  if (err instanceof HttpStatusError) return err.status >= 500 || err.status === 429 ? 'transient' : 'fatal';
  if (err instanceof NetworkError || err instanceof MalformedBodyError) return 'transient';
  return 'fatal';
}

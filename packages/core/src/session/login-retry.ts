import { HttpStatusError, NetworkError } from '@wxbot/protocol';
import type { Logger } from 'pino';
import { backoffDelay, sleep, type BackoffPolicy } from '../util/backoff';

/** How often a login step that failed on the network is tried again before the error is final. */
export interface LoginRetryPolicy extends BackoffPolicy {
  /** Tries in all, the first included. */
  attempts: number;
}

/** 10 tries, 1 s doubling to 30 s with jitter: about three minutes before the error is final. */
export const DEFAULT_LOGIN_RETRY: LoginRetryPolicy = { attempts: 10, baseMs: 1000, capMs: 30_000 };

/** While waiting longer than this, the log says again how long is left. */
const COUNTDOWN_STEP_MS = 5000;

/**
 * Whether trying again can help: the connection failed (refused, reset, DNS, timeout) or the
 * server answered 5xx. A refusal (ret 1203), a malformed body or a 4xx is final.
 */
export function isTransientLoginError(error: unknown): error is NetworkError | HttpStatusError {
  return error instanceof NetworkError || (error instanceof HttpStatusError && error.status >= 500);
}

export interface LoginRetryOptions {
  log: Logger;
  signal: AbortSignal;
  policy?: LoginRetryPolicy;
  random?: () => number;
  /** How often a long wait logs the time left. Default 5 s. */
  countdownStepMs?: number;
}

// The wait, announced once with its length and then every few seconds, so a terminal shows a
// countdown rather than a silent pause.
async function countdown(step: string, ms: number, o: LoginRetryOptions): Promise<void> {
  const every = o.countdownStepMs ?? COUNTDOWN_STEP_MS;
  for (let left = ms; left > 0; left -= every) {
    if (left < ms) o.log.info({ step, retryInMs: left }, `login: retrying ${step} in ${Math.ceil(left / 1000)} s`);
    await sleep(Math.min(left, every), o.signal);
  }
}

/**
 * Runs one login step, trying it again with backoff while it fails on the network (a bot is a
 * daemon: Wi-Fi that drops for a minute must not end it). Each failure is logged as a warning
 * with the wait before the next try; the last failure, or any other error, is thrown as it is.
 * Stopping the bot (the signal) ends the wait at once.
 * @example
 * const uuid = await retryLoginStep('qr-login', () => requestLoginUuid(http, { mode, signal }), { log, signal });
 */
export async function retryLoginStep<T>(step: string, run: () => Promise<T>, o: LoginRetryOptions): Promise<T> {
  const policy = o.policy ?? DEFAULT_LOGIN_RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (o.signal.aborted || !isTransientLoginError(error) || attempt >= policy.attempts) throw error;
      const waitMs = backoffDelay(attempt - 1, policy, o.random);
      o.log.warn(
        { step, code: error.code, attempt, attempts: policy.attempts, retryInMs: waitMs },
        `login: ${step} failed (${error.message}); retrying in ${Math.ceil(waitMs / 1000)} s (attempt ${attempt} of ${policy.attempts}; check the network, or WXBOT_ENDPOINT / --endpoint)`,
      );
      await countdown(step, waitMs, o);
    }
  }
}

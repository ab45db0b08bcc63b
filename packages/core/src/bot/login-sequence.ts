import type { SyncKey, TicketResult, WebwxHttp } from '@wxbot/protocol';
import type { Logger } from 'pino';
import { CookieJar } from 'tough-cookie';
import { pushLogin, qrLogin, type LoginFlowHooks, type LoginFlowOptions } from '../session/login-flow';
import { isTransientLoginError, retryLoginStep, type LoginRetryPolicy } from '../session/login-retry';
import type { SavedSession } from '../storage/session-store';
import type { LoginMethod } from '../events/bot-events';
import type { BotOptions } from './bot-options';

/** A way in: the HTTP client (with its cookie jar), the credentials and how they were obtained. */
export interface LoginAttempt {
  http: WebwxHttp;
  ticket: TicketResult;
  method: LoginMethod;
  /** Resume only: continue from these keys so nothing that arrived meanwhile is skipped. */
  savedKeys?: { syncKey: SyncKey; syncCheckKey: SyncKey };
}

export interface LoginSequenceDeps {
  saved: SavedSession | undefined;
  options: BotOptions['login'];
  log: Logger;
  signal: AbortSignal;
  hooks: LoginFlowHooks;
  /** A fresh HTTP client (closing the previous one), on a restored jar when given. */
  newHttp(jar?: CookieJar): WebwxHttp;
  flowOptions(http: WebwxHttp): LoginFlowOptions;
  progress(step: string): void;
  /** init, notify, contacts: throws when the attempt does not give a working session. */
  bringUp(attempt: LoginAttempt): Promise<void>;
  /** Network failures of each step are retried with this backoff (default DEFAULT_LOGIN_RETRY). */
  retry?: LoginRetryPolicy;
}

/**
 * The saved session first (no phone needed), then push login (confirm on the phone), then a QR
 * code; each of the first two is optional and falls through to the next when it fails.
 * A network failure is retried within its step; when retries run out it ends the login (the
 * next way in needs the same network).
 */
export async function runLoginSequence(d: LoginSequenceDeps): Promise<void> {
  const saved = d.saved;
  const retry = { log: d.log, signal: d.signal, ...(d.retry ? { policy: d.retry } : {}) };
  if (saved) {
    const jar = CookieJar.deserializeSync(saved.cookies as never);
    if (d.options?.resume !== false && saved.syncKey && saved.syncCheckKey) {
      const http = d.newHttp(jar);
      try {
        d.progress('resume');
        const savedKeys = { syncKey: saved.syncKey, syncCheckKey: saved.syncCheckKey };
        await retryLoginStep('resume', () => d.bringUp({ http, ticket: { ticket: { ...saved.credentials }, hosts: saved.hosts }, method: 'resume', savedKeys }), retry);
        return;
      } catch (err) {
        if (d.signal.aborted || isTransientLoginError(err)) throw err;
        d.log.info({ reason: (err as Error).message }, 'saved session could not be resumed');
      }
    }
    if (d.options?.pushLogin !== false) {
      const http = d.newHttp(jar);
      try {
        d.progress('push-login');
        const ticket = await retryLoginStep('push-login', () => pushLogin(d.flowOptions(http), d.hooks, saved.hosts.main, saved.credentials.uin), retry);
        await retryLoginStep('init', () => d.bringUp({ http, ticket, method: 'push' }), retry);
        return;
      } catch (err) {
        if (d.signal.aborted || isTransientLoginError(err)) throw err;
        d.log.info({ reason: (err as Error).message }, 'push login did not work; showing a QR code');
      }
    }
  }
  const http = d.newHttp();
  d.progress('qr-login');
  const ticket = await retryLoginStep('qr-login', () => qrLogin(d.flowOptions(http), d.hooks), retry);
  await retryLoginStep('init', () => d.bringUp({ http, ticket, method: 'qr' }), retry);
}

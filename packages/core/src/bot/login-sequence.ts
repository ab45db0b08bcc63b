import type { SyncKey, TicketResult, WebwxHttp } from '@wxbot/protocol';
import type { Logger } from 'pino';
import { CookieJar } from 'tough-cookie';
import { pushLogin, qrLogin, type LoginFlowHooks, type LoginFlowOptions } from '../session/login-flow';
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
}

/**
 * The saved session first (no phone needed), then push login (confirm on the phone), then a QR
 * code; each of the first two is optional and falls through to the next when it fails.
 */
export async function runLoginSequence(d: LoginSequenceDeps): Promise<void> {
  const saved = d.saved;
  if (saved) {
    const jar = CookieJar.deserializeSync(saved.cookies as never);
    if (d.options?.resume !== false && saved.syncKey && saved.syncCheckKey) {
      const http = d.newHttp(jar);
      try {
        d.progress('resume');
        await d.bringUp({ http, ticket: { ticket: { ...saved.credentials }, hosts: saved.hosts }, method: 'resume', savedKeys: { syncKey: saved.syncKey, syncCheckKey: saved.syncCheckKey } });
        return;
      } catch (err) {
        if (d.signal.aborted) throw err;
        d.log.info({ reason: (err as Error).message }, 'saved session could not be resumed');
      }
    }
    if (d.options?.pushLogin !== false) {
      const http = d.newHttp(jar);
      try {
        d.progress('push-login');
        const ticket = await pushLogin(d.flowOptions(http), d.hooks, saved.hosts.main, saved.credentials.uin);
        await d.bringUp({ http, ticket, method: 'push' });
        return;
      } catch (err) {
        if (d.signal.aborted) throw err;
        d.log.info({ reason: (err as Error).message }, 'push login did not work; showing a QR code');
      }
    }
  }
  const http = d.newHttp();
  d.progress('qr-login');
  await d.bringUp({ http, ticket: await qrLogin(d.flowOptions(http), d.hooks), method: 'qr' });
}

import {
  fetchLoginTicket,
  LoginCode,
  NetworkError,
  HttpStatusError,
  pollLogin,
  qrCodeContent,
  requestLoginUuid,
  requestPushLogin,
  type LoginMode,
  type TicketResult,
  type WebwxHttp,
} from '@wxbot/protocol';
import type { Logger } from 'pino';
import { WxbotError } from '../errors/wxbot-error';
import { backoffDelay, sleep } from '../util/backoff';

export interface LoginFlowHooks {
  /** A new QR code is to be shown. */
  onQr(uuid: string, url: string): void;
  /** The phone scanned the code (or got the push prompt) and awaits confirmation. */
  onScan(avatar: string | undefined): void;
}

export interface LoginFlowOptions {
  http: WebwxHttp;
  mode: LoginMode;
  /** How many QR codes to issue before giving up. */
  qrRetries: number;
  log: Logger;
  signal: AbortSignal;
  extspam?: string;
  /** Login poll client timeout (the server holds ~25 s). */
  pollTimeoutMs?: number;
}

type PollOutcome = { kind: 'confirmed'; redirectUri: string } | { kind: 'renew'; code: number };

const TRANSIENT_POLL_ERRORS_MAX = 5;

/** Poll one uuid until confirmed or until the server says it needs renewing. */
async function pollUntilDecided(o: LoginFlowOptions, hooks: LoginFlowHooks, uuid: string): Promise<PollOutcome> {
  let tip: 0 | 1 = 1;
  let scanned = false;
  let failures = 0;
  for (;;) {
    let body;
    try {
      body = await pollLogin(o.http, uuid, { tip, signal: o.signal, ...(o.pollTimeoutMs ? { timeoutMs: o.pollTimeoutMs } : {}) });
    } catch (err) {
      // A dropped long poll is normal on flaky links: retry the same uuid a few times.
      if ((err instanceof NetworkError || err instanceof HttpStatusError) && ++failures <= TRANSIENT_POLL_ERRORS_MAX) {
        o.log.warn({ err: err.message, attempt: failures }, 'login poll failed; retrying');
        await sleep(backoffDelay(failures - 1, { baseMs: 500, capMs: 5000 }), o.signal);
        continue;
      }
      throw err;
    }
    failures = 0;
    tip = 0;
    switch (body.code) {
      case LoginCode.WAITING:
        continue;
      case LoginCode.SCANNED:
        if (!scanned) hooks.onScan(body.userAvatar);
        scanned = true;
        continue;
      case LoginCode.CONFIRMED:
        return { kind: 'confirmed', redirectUri: body.redirectUri ?? '' };
      default:
        // 400 expired, 500 server error, 202 cancelled on the phone, or unknown: new uuid.
        return { kind: 'renew', code: body.code };
    }
  }
}

const RENEW_REASONS: Readonly<Record<number, string>> = {
  [LoginCode.EXPIRED]: 'the QR code expired',
  [LoginCode.SERVER_ERROR]: 'the login server reported an error',
  [LoginCode.CANCELLED]: 'login was cancelled on the phone',
};

/** QR login: uuid -> QR -> poll -> ticket, issuing a new QR up to `qrRetries` times. */
export async function qrLogin(o: LoginFlowOptions, hooks: LoginFlowHooks): Promise<TicketResult> {
  for (let attempt = 1; attempt <= o.qrRetries; attempt++) {
    const uuid = await requestLoginUuid(o.http, { mode: o.mode, signal: o.signal });
    hooks.onQr(uuid, qrCodeContent(uuid));
    const outcome = await pollUntilDecided(o, hooks, uuid);
    if (outcome.kind === 'confirmed') {
      return fetchLoginTicket(o.http, outcome.redirectUri, { mode: o.mode, signal: o.signal, ...(o.extspam ? { extspam: o.extspam } : {}) });
    }
    o.log.info({ code: outcome.code, attempt }, `${RENEW_REASONS[outcome.code] ?? `login poll returned ${outcome.code}`}; issuing a new QR code`);
  }
  throw new WxbotError('WXBOT_LOGIN_FAILED', `login failed: no QR code was confirmed after ${o.qrRetries} attempts; start again and scan the code with WeChat on your phone (or raise login.qrRetries)`);
}

/**
 * Push login (webwxpushloginurl): the phone gets a confirm prompt, no scan. Needs the
 * long-lived cookies of an earlier session in the jar.
 */
export async function pushLogin(o: LoginFlowOptions, hooks: LoginFlowHooks, mainHost: string, uin: number): Promise<TicketResult> {
  const uuid = await requestPushLogin(o.http, mainHost, uin, { mode: o.mode, signal: o.signal });
  o.log.info('confirm the login on your phone (push login, no scan needed)');
  const outcome = await pollUntilDecided(o, hooks, uuid);
  if (outcome.kind !== 'confirmed') {
    throw new WxbotError('WXBOT_LOGIN_FAILED', `push login was not confirmed (${RENEW_REASONS[outcome.code] ?? `code ${outcome.code}`}); falling back to a QR code`);
  }
  return fetchLoginTicket(o.http, outcome.redirectUri, { mode: o.mode, signal: o.signal, ...(o.extspam ? { extspam: o.extspam } : {}) });
}

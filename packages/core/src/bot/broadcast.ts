import { WxbotError } from '../errors/wxbot-error';
import type { Clock } from '../outbox/clock';
import { DEFAULT_BROADCAST, type BroadcastOptions } from '../outbox/options';
import type { Outbox } from '../outbox/types';
import type { Outgoing, SentMessage } from '../pipeline/types';
import type { Submit } from './action-kinds';

/**
 * What `bot.broadcast()` did for each target, in target order: sent, failed (with the coded
 * error), or not tried because an earlier target got "too frequent" (or the bot stopped).
 */
export interface BroadcastReport {
  sent: Array<{ to: string; message: SentMessage }>;
  failed: Array<{ to: string; code: string; error: string }>;
  notSent: Array<{ to: string; reason: string }>;
  /** Set when the broadcast stopped early: `WXBOT_TOO_FREQUENT` (1205), `WXBOT_QUIET_HOURS`, `WXBOT_STOPPED`. */
  stoppedBy?: string;
}

export interface BroadcastDeps {
  outbox: Outbox;
  clock: Clock;
  /** `Sends.send` with a given submit. */
  send(to: string, message: Outgoing, submit: Submit): Promise<SentMessage>;
  options: BroadcastOptions | undefined;
  /** `limits: false`: no gaps. */
  paced: boolean;
}

/** Errors after which sending on to the other targets is pointless or harmful. */
const STOPS = new Set(['WXBOT_TOO_FREQUENT', 'WXBOT_QUIET_HOURS', 'WXBOT_STOPPED', 'WXBOT_NOT_RUNNING', 'WXBOT_DAILY_CAP']);

/**
 * Send one message to many chats, one after another, `gapMs` (+ jitter) apart, through the
 * outbox (limits, pacing, caps, quiet hours apply to each). The first "too frequent" answer
 * stops it: that target is `failed` with WXBOT_TOO_FREQUENT, the rest `notSent`. Other failures
 * (not a friend) are recorded and it goes on.
 * @example
 * const report = await broadcast(deps, ['@a', '@b'], 'Meeting at 10');
 * report.sent.length; report.stoppedBy; // 'WXBOT_TOO_FREQUENT' if the server pushed back
 */
export async function broadcast(d: BroadcastDeps, targets: readonly string[], message: Outgoing): Promise<BroadcastReport> {
  const gap = d.paced ? { ...DEFAULT_BROADCAST, ...d.options } : { gapMs: d.options?.gapMs ?? 0, jitterMs: d.options?.jitterMs ?? 0 };
  // Not persisted: a broadcast cut by a crash is reported as such, not finished hours later.
  const submit: Submit = (action) => d.outbox.submit({ ...action, failOnRateLimit: true, persist: false });
  const report: BroadcastReport = { sent: [], failed: [], notSent: [] };
  for (const [i, to] of targets.entries()) {
    if (report.stoppedBy !== undefined) {
      report.notSent.push({ to, reason: `not tried: stopped by ${report.stoppedBy}` });
      continue;
    }
    if (i > 0) await wait(d.clock, gap.gapMs + Math.round(d.clock.random() * gap.jitterMs));
    try {
      report.sent.push({ to, message: await d.send(to, message, submit) });
    } catch (err) {
      const code = err instanceof WxbotError ? err.code : 'WXBOT_SEND_FAILED';
      report.failed.push({ to, code, error: err instanceof Error ? err.message : String(err) });
      if (STOPS.has(code)) report.stoppedBy = code;
    }
  }
  return report;
}

function wait(clock: Clock, ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => clock.setTimer(resolve, ms));
}

import type { StateStore } from '@wxbot/core';
import type { ServerContext } from './context';
import { EVENT_TYPES, type ApiEvent, type EventType } from './event-hub';
import { queueSend } from './send';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './webhook-sign';
import { WebhookQueue, type Delivery } from './webhook-queue';

/** One webhook: where to POST, which events, and the secret both sides share. */
export interface WebhookConfig {
  url: string;
  /** Default: every event type. */
  events?: readonly EventType[];
  /** HMAC-SHA256 key of the `x-wxbot-signature` header. */
  secret: string;
}

/** Retry policy: 0.5 s doubling to 60 s, with jitter; no give-up (at-least-once). */
const BASE_MS = 500;
const CAP_MS = 60_000;
const TIMEOUT_MS = 10_000;

const backoff = (attempts: number): number => {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempts, 20));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
};

/** Replies a receiver may answer with: `{ "reply": "text" }` or `{ "reply": ["a", "b"] }`. */
function repliesOf(text: string): string[] {
  try {
    const reply = (JSON.parse(text) as { reply?: unknown }).reply;
    if (typeof reply === 'string' && reply) return [reply];
    if (Array.isArray(reply)) return reply.filter((r): r is string => typeof r === 'string' && r.length > 0);
  } catch {
    // not JSON: nothing to send
  }
  return [];
}

/**
 * Starts delivering events to the webhooks: one worker per URL sends its deliveries in order,
 * retrying the head with backoff while the receiver is down; every event waits in the queue file
 * until a 2xx answer. A `message` event's answer may carry replies, sent to that chat. `account`
 * (a fleet server) is added to every payload.
 */
export async function startWebhooks(options: { ctx: ServerContext; hooks: readonly WebhookConfig[]; home: string; store?: StateStore | undefined; account?: string | undefined }): Promise<{ close(): Promise<void>; readonly queue: WebhookQueue }> {
  const { ctx, hooks } = options;
  const queue = new WebhookQueue(options.home, hooks.length > 0 ? options.store : undefined);
  if (hooks.length === 0) return { queue, close: async () => undefined };
  const resumed = await queue.load(new Set(hooks.map((h) => h.url)));
  if (resumed) ctx.log.info({ pending: resumed }, 'resuming webhook deliveries');

  let closed = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const busy = new Set<string>();
  const inflight = new Set<AbortController>();

  const deliver = async (hook: WebhookConfig, d: Delivery): Promise<boolean> => {
    // A fleet server names the account in each payload: one receiver serves every account.
    const body = JSON.stringify({ id: d.id, ...(options.account ? { account: options.account } : {}), ...d.event });
    const timestamp = String(Date.now());
    const abort = new AbortController();
    inflight.add(abort);
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'wxbot-webhook/1', 'x-wxbot-event': d.event.type, 'x-wxbot-delivery': d.id, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(hook.secret, timestamp, body) },
        body,
        signal: abort.signal,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`answered ${res.status}`);
      const event = d.event as ApiEvent<'message'>;
      if (event.type === 'message' && !event.data.isSelf) {
        for (const reply of repliesOf(text)) {
          try {
            queueSend(ctx, event.data.chat.id, { text: reply });
          } catch (err) {
            ctx.log.warn({ url: hook.url, err: (err as Error).message }, 'a webhook reply could not be sent');
          }
        }
      }
      return true;
    } catch (err) {
      if (!closed) ctx.log.warn({ url: hook.url, attempt: d.attempts + 1, err: (err as Error).message }, 'webhook delivery failed; will retry');
      return false;
    } finally {
      clearTimeout(timer);
      inflight.delete(abort);
    }
  };

  const pump = (hook: WebhookConfig): void => {
    if (closed || busy.has(hook.url)) return;
    const head = queue.head(hook.url);
    if (!head) return;
    const wait = head.dueAt - Date.now();
    if (wait > 0) {
      if (!timers.has(hook.url)) timers.set(hook.url, setTimeout(() => (timers.delete(hook.url), pump(hook)), wait));
      return;
    }
    busy.add(hook.url);
    void deliver(hook, head).then((ok) => {
      busy.delete(hook.url);
      if (closed) return;
      if (ok) queue.done(head);
      else queue.retryLater(head, Date.now() + backoff(head.attempts));
      pump(hook);
    });
  };

  const unsubscribe = ctx.hub.subscribe((event) => {
    for (const hook of hooks) {
      if (!(hook.events ?? EVENT_TYPES).includes(event.type)) continue;
      const dropped = queue.add(hook.url, event);
      if (dropped) ctx.log.warn({ url: hook.url, dropped }, 'webhook queue full: dropped the oldest deliveries');
      pump(hook);
    }
  });
  for (const hook of hooks) pump(hook);

  return {
    queue,
    async close() {
      closed = true;
      unsubscribe();
      for (const t of timers.values()) clearTimeout(t);
      for (const a of inflight) a.abort();
      await queue.flush();
    },
  };
}

import type { SessionContext } from '@wxbot/protocol';
import type { StoredAction } from './outbox-store';

/**
 * Every outgoing action goes through the outbox: sends, media, revokes, contact and group
 * operations. `payload` must be JSON-serialisable so unsent actions survive a restart.
 */
export interface OutboxAction<P = unknown> {
  /** Executor name, e.g. 'text', 'image', 'revoke', 'verify-user', 'create-room'. */
  readonly kind: string;
  /** Ordering key: actions with the same key run in submission order (usually the chat id). */
  readonly key: string;
  readonly payload: P;
  /** Risky actions (friend requests, group creation, adding members) get a stricter limit. */
  readonly risky?: boolean;
  /**
   * A second submit with the same key returns the first one's outcome instead of acting twice.
   * Default: derived from the incoming message being handled (see docs/reliability.md).
   */
  readonly idempotencyKey?: string;
  /** Keep it in the outbox file until done (default true). False for payloads that cannot be persisted. */
  readonly persist?: boolean;
  /**
   * A "too frequent" answer (1205) fails it with WXBOT_TOO_FREQUENT (the breaker still opens)
   * instead of keeping it queued for after the cooldown: `bot.broadcast()` stops there.
   */
  readonly failOnRateLimit?: boolean;
}

/** What an executor needs: the live session and the self UserName. */
export interface ExecutorContext {
  readonly session: SessionContext;
  readonly selfUserName: string;
  readonly signal: AbortSignal;
  /**
   * ClientMsgId/LocalID of this action: fixed before its first attempt and the same on every
   * retry, also after a restart (docs/protocol.md 9.1), so the server can recognise a repeat.
   */
  readonly clientMsgId?: string;
  /** 1 for the first attempt. */
  readonly attempt?: number;
  /** A local file with the bytes of a stashed media key (BotOptions.mediaStash), when the bot has a stash. */
  readonly fetchStashed?: (key: string) => Promise<string>;
}

/** Runs one action against the server. Throw to fail (the outbox decides about retries). */
export type Executor<P = unknown, R = unknown> = (ctx: ExecutorContext, payload: P) => Promise<R>;

/** The outbox as the Bot sees it. */
export interface Outbox {
  /** Register the executor of an action kind (once per kind). */
  register<P, R>(kind: string, executor: Executor<P, R>): void;
  /** Queue an action; resolves with the executor's result once done, rejects when it finally fails. */
  submit<R = unknown>(action: OutboxAction): Promise<R>;
  /** Start draining (after login; again after a re-login). */
  resume(ctx: () => ExecutorContext | undefined): void;
  /** Stop draining; pending actions stay queued (and persisted, when persistence exists). */
  pause(): void;
  /** Wait (up to `timeoutMs`) for queued actions to finish; returns how many are still pending. */
  drain(timeoutMs: number): Promise<number>;
}

/** One queued action as `inspect()` shows it. */
export interface QueuedView {
  id: string;
  kind: string;
  /** The chat (UserName) or other ordering key. */
  key: string;
  attempts: number;
  createdAt: number;
  /** An attempt is in flight now. */
  running: boolean;
}

/** How an action whose outcome was unknown turned out. */
export type Settled = { readonly sent: true; readonly result: unknown } | { readonly sent: false };

/**
 * Tells whether an action whose outcome is unknown (its answer was lost, or a crash came between
 * write-ahead and outcome) was carried out by the server, from what the server shows (for sends:
 * its echo in webwxsync). The outbox holds such an action, in its chat's order, until settled.
 */
export interface Settler {
  /** Whether this action's outcome can be told (its kind, and the endpoint that failed, if any). */
  covers(action: StoredAction, failedEndpoint?: string): boolean;
  /** Resolves once settled: sent (with the result the executor would have given) or not. */
  settle(action: StoredAction): Promise<Settled>;
  /** An action of a covered kind succeeded; `startedAt`: when its request went out. */
  succeeded(action: StoredAction, result: unknown, startedAt: number): void;
}

import type { Logger } from 'pino';
import type { Message } from '../message/types';
import type { BotApi } from '../pipeline/types';
import type { InboxJournal } from '../storage/journal';
import { RECEIVE_BACKLOG_LINE } from '../limits';
import { MessageScheduler } from './message-scheduler';
import type { MessagePipeline } from './pipeline-adapter';

export interface MessageRunnerDeps {
  log: Logger;
  journal: InboxJournal;
  /** The current plugin pipeline (hot reload swaps it). */
  pipeline(): MessagePipeline | undefined;
  /** The bot as one message's handlers see it: their actions get the keys `<prefix>#<n>`. */
  scopedApi(prefix: string): BotApi;
  /** Once a message is durably done its replies' outcomes are never asked for again. */
  forgetOutcomes(scope: string): void;
  handlerTimeoutMs?: number | undefined;
  skipOlderThanMs?: number | undefined;
  /** Called as the plugins get a message (the message lines of `logMessages`). */
  onHandle?: ((message: Message) => void) | undefined;
}

/**
 * Runs each message through the plugins: per chat in order, chats concurrently, outside the
 * sync loop (a handler waiting on its reply never stops receiving). Each run has a deadline
 * and an AbortSignal (aborted at the deadline or by `abortAll`), and an idempotency scope
 * `msg:<id>`: handled again after a crash, the message's replies are recognised, not resent.
 */
export class MessageRunner {
  private readonly scheduler: MessageScheduler;
  /** The abort controllers of messages being handled. */
  private readonly handlers = new Set<AbortController>();
  private stopReason: unknown;

  constructor(private readonly d: MessageRunnerDeps) {
    this.scheduler = new MessageScheduler(d.log);
  }

  /** Queue a message behind the earlier ones of its chat. */
  schedule(message: Message): void {
    this.scheduler.schedule(message.chat.id, message.id, () => this.run(message));
  }

  /**
   * Back-pressure for the sync loop: undefined while fewer than `RECEIVE_BACKLOG_LINE` messages
   * are waiting or being handled; otherwise resolves once fewer are, or after the handler
   * deadline at the latest (a backlog that has not moved for that long is stuck, not busy, and
   * receipt goes on one round at a time).
   */
  room(): Promise<void> | undefined {
    const below = this.scheduler.below(RECEIVE_BACKLOG_LINE);
    if (!below) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.d.handlerTimeoutMs ?? 30_000);
      timer.unref();
    });
    return Promise.race([below, stuck]).finally(() => clearTimeout(timer));
  }

  /** Resolves when no message is being handled or waiting. */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /**
   * Abort every running handler. Messages still waiting never reach the plugins: they stay in
   * the journal, and the next start handles them.
   */
  abortAll(reason: unknown): void {
    this.stopReason = reason;
    for (const handler of this.handlers) handler.abort(reason);
  }

  private async run(message: Message): Promise<void> {
    const pipeline = this.d.pipeline();
    if (!pipeline) return;
    const maxAge = this.d.skipOlderThanMs;
    const age = Date.now() - message.createdAt.getTime();
    if (maxAge !== undefined && age > maxAge) {
      this.d.log.info({ msgId: message.id, ageMs: age }, 'message older than skipOlderThanMs; recorded as handled without running the plugins');
      await this.d.journal.complete([message.id]);
      return;
    }
    if (this.stopReason !== undefined) {
      // Marking it done would lose it: no plugin would run under an aborted signal.
      this.d.log.debug({ msgId: message.id }, 'stopping: message left in the journal for the next start');
      return;
    }
    this.d.onHandle?.(message);
    const timeoutMs = this.d.handlerTimeoutMs ?? 30_000;
    // One controller and one timer per message: cheaper than AbortSignal.any + AbortSignal.timeout,
    // which the flood profile showed.
    const controller = new AbortController();
    this.handlers.add(controller);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.d.log.warn({ msgId: message.id, timeoutMs }, 'message handling passed its deadline; moving on');
        controller.abort(new DOMException(`handler deadline of ${timeoutMs} ms passed`, 'TimeoutError'));
        resolve();
      }, timeoutMs);
    });
    const scope = `msg:${message.id}`;
    try {
      await Promise.race([pipeline.dispatch(message, { signal: controller.signal, bot: this.d.scopedApi(scope) }), deadline]);
    } finally {
      clearTimeout(timer);
      this.handlers.delete(controller);
    }
    // Not awaited: the completion shares a write with whatever comes next, and the chat goes on.
    void this.d.journal.complete([message.id]).then(() => this.d.forgetOutcomes(`${scope}#`));
  }
}

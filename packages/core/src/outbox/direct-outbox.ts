import { WxbotError } from '../errors/wxbot-error';
import type { Executor, ExecutorContext, Outbox, OutboxAction } from './types';

/**
 * The simplest outbox: runs each action at once, in order per key, with no rate limit and
 * no persistence. The reliability work replaces it with a rate-limited, persisted one.
 */
export class DirectOutbox implements Outbox {
  private readonly executors = new Map<string, Executor>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private context: (() => ExecutorContext | undefined) | undefined;
  private pending = 0;

  register<P, R>(kind: string, executor: Executor<P, R>): void {
    if (this.executors.has(kind)) throw new Error(`outbox: executor "${kind}" registered twice`);
    this.executors.set(kind, executor as Executor);
  }

  submit<R = unknown>(action: OutboxAction): Promise<R> {
    const executor = this.executors.get(action.kind);
    if (!executor) return Promise.reject(new Error(`outbox: no executor for "${action.kind}"`));
    const run = async (): Promise<R> => {
      const ctx = this.context?.();
      if (!ctx) throw new WxbotError('WXBOT_NOT_RUNNING', `cannot ${action.kind} while the bot is not logged in; wait for the 'login' event`);
      return (await executor(ctx, action.payload)) as R;
    };
    this.pending++;
    const prev = this.chains.get(action.key) ?? Promise.resolve();
    const result = prev.then(run, run);
    const settled = result.finally(() => this.pending--).catch(() => undefined);
    this.chains.set(action.key, settled);
    void settled.then(() => {
      if (this.chains.get(action.key) === settled) this.chains.delete(action.key);
    });
    return result;
  }

  resume(ctx: () => ExecutorContext | undefined): void {
    this.context = ctx;
  }

  pause(): void {
    this.context = undefined;
  }

  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0 && Date.now() < deadline) await Promise.race([...this.chains.values(), new Promise((r) => setTimeout(r, 20))]);
    return this.pending;
  }
}

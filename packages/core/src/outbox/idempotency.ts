import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  readonly prefix: string;
  next: number;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Run `fn` so that every outbox action submitted in its async context (awaits, timers,
 * callbacks) without a key of its own gets the idempotency key `<prefix>#<n>`, n counting from
 * 0 in submission order: run the same work again after a crash and its actions get the same
 * keys, so the outbox recognises those already done.
 *
 * The Bot does not need this for message handlers: `ctx.bot` (and so `ctx.reply` and returned
 * replies) carries the message's keys explicitly. It is for your own code that submits through
 * `bot` outside the pipeline. It uses AsyncLocalStorage, whose promise hooks (on Node 20) cost
 * every promise in the process some CPU from its first use on.
 * @example
 * await withIdempotencyScope(`job:${job.id}`, () => bot.send(job.chat, job.text));
 */
export function withIdempotencyScope<T>(prefix: string, fn: () => T): T {
  return scopes.run({ prefix, next: 0 }, fn);
}

/** The next key of the current scope; undefined outside any scope. */
export function nextScopedKey(): string | undefined {
  const scope = scopes.getStore();
  return scope ? `${scope.prefix}#${scope.next++}` : undefined;
}

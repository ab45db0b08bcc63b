import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  readonly prefix: string;
  next: number;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Run `fn` (the plugins handling one incoming message) so that every outgoing action it
 * submits gets the idempotency key `<prefix>#<n>`, n counting from 0 in submission order.
 * After a crash the same message is handled again and its actions get the same keys, so the
 * outbox recognises them instead of sending twice.
 * @example
 * await withIdempotencyScope(`msg:${message.id}`, () => pipeline.dispatch(message, { signal }));
 */
export function withIdempotencyScope<T>(prefix: string, fn: () => T): T {
  return scopes.run({ prefix, next: 0 }, fn);
}

/** The next key of the current scope; undefined outside any scope. */
export function nextScopedKey(): string | undefined {
  const scope = scopes.getStore();
  return scope ? `${scope.prefix}#${scope.next++}` : undefined;
}

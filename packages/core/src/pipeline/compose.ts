import { WxbotError } from '../errors/wxbot-error';
import type { Context, HandlerResult, Middleware, Next } from './types';

/** Receives what a middleware returned (a reply to send), before control goes back upstream. */
export type ResultHandler<C extends Context = Context> = (result: NonNullable<HandlerResult>, ctx: C) => void | Promise<void>;

/** A composed chain: runs its middleware in order, then `next` (when the last one calls it). */
export type ComposedMiddleware<C extends Context = Context> = (ctx: C, next?: Next) => Promise<void>;

/**
 * Composes middleware Koa/grammY style: each gets `(ctx, next)`, and `next()` runs the rest of
 * the chain. A middleware that does not call `next` ends the chain there. Calling `next` twice
 * from one middleware throws `WXBOT_NEXT_TWICE` (it would run downstream handlers twice).
 * A non-empty return value goes to `onResult` as soon as that middleware settles, so replies
 * go out in the order their handlers finish.
 * @example
 * const run = compose([async (ctx, next) => { await next(); }, () => 'pong'], (reply) => sent.push(reply));
 * await run(ctx);
 */
export function compose<C extends Context = Context>(
  middleware: readonly Middleware[],
  onResult?: ResultHandler<C>,
): ComposedMiddleware<C> {
  const chain = [...middleware];
  return (ctx, next) => {
    const run = async (index: number): Promise<void> => {
      const current = chain[index];
      if (!current) {
        if (next) await next();
        return;
      }
      let called = false;
      const result = await current(ctx as Context, async () => {
        if (called) {
          throw new WxbotError('WXBOT_NEXT_TWICE', `next() was called twice by middleware #${index}; call it at most once`, {
            index,
          });
        }
        called = true;
        await run(index + 1);
      });
      if (result !== undefined && result !== null && onResult) await onResult(result, ctx);
    };
    return run(0);
  };
}

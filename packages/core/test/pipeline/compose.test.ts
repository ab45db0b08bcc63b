import { compose, createContext, WxbotError } from '@wxbot/core/internals';
import type { Context, Middleware } from '@wxbot/core/internals';
import { captureLogger, FakeBot, message } from '../fixtures/bot';
import { wireMessage } from '../fixtures/wire';

function ctx(): Context {
  return createContext({ message: message(wireMessage()), bot: new FakeBot(), state: {}, logger: captureLogger().logger, signal: new AbortController().signal, plugin: 'test' });
}

describe('compose', () => {
  it('runs middleware in onion order', async () => {
    const order: string[] = [];
    const mw = (name: string): Middleware => async (_ctx, next) => {
      order.push(`${name}>`);
      await next();
      order.push(`<${name}`);
    };
    await compose([mw('a'), mw('b')])(ctx(), async () => {
      order.push('end');
    });
    expect(order).toEqual(['a>', 'b>', 'end', '<b', '<a']);
  });

  it('stops where a middleware does not call next', async () => {
    const reached: string[] = [];
    await compose([() => undefined, () => void reached.push('b')])(ctx(), async () => void reached.push('end'));
    expect(reached).toEqual([]);
  });

  it('throws WXBOT_NEXT_TWICE when next is called twice', async () => {
    const run = compose([
      async (_ctx, next) => {
        await next();
        await next();
      },
    ]);
    const error = await run(ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxbotError);
    expect((error as WxbotError).code).toBe('WXBOT_NEXT_TWICE');
  });

  it('hands non-empty results to onResult as each middleware settles', async () => {
    const results: unknown[] = [];
    const run = compose(
      [
        async (_ctx, next) => {
          await next();
          return 'outer';
        },
        () => ['inner1', 'inner2'],
        () => null,
      ],
      (result) => void results.push(result),
    );
    await run(ctx());
    expect(results).toEqual([['inner1', 'inner2'], 'outer']);
  });

  it('propagates a thrown error', async () => {
    await expect(compose([() => { throw new Error('boom'); }])(ctx())).rejects.toThrow('boom');
  });
});

import { z } from 'zod';
import { definePlugin } from '@wxbot/core/internals';
import { createMessagePipeline } from '../../src/bot/pipeline-adapter';
import { contact } from '../fixtures/contacts';
import { captureLogger, FakeBot, message } from '../fixtures/bot';
import { FRIEND_ID, SELF_ID, wireMessage } from '../fixtures/wire';

/** The bot side the pipeline needs: a FakeBot that also records 'error' events. */
function botWithErrors(listening: boolean) {
  const errors: Error[] = [];
  const bot = Object.assign(new FakeBot(), {
    emit: (_event: 'error', err: Error) => (errors.push(err), true),
    listenerCount: () => (listening ? 1 : 0),
  });
  return { bot, errors };
}

describe('createMessagePipeline', () => {
  it('validates the options of every plugin first: bad options stop it with WXBOT_PLUGIN_OPTIONS', async () => {
    const strict = definePlugin({ name: 'strict', options: z.object({ answer: z.string() }).strict(), setup: () => undefined });
    const { bot } = botWithErrors(false);
    await expect(createMessagePipeline([strict({ answer: 1 } as never)], bot, captureLogger().logger)).rejects.toMatchObject({ code: 'WXBOT_PLUGIN_OPTIONS' });
  });

  it('dispatches a message through the plugins in order; names them; wantsSelf when one asked', async () => {
    const { bot } = botWithErrors(false);
    const a = definePlugin({ name: 'a', setup: (api) => api.use(async (ctx, next) => { ctx.state.a = true; await next(); }) });
    const b = definePlugin({ name: 'b', includeSelf: true, setup: (api) => api.use((ctx) => `b saw a=${String(ctx.state.a)}`) });
    const pipeline = await createMessagePipeline([a(), b()], bot, captureLogger().logger);
    expect(pipeline.pluginNames).toEqual(['a', 'b']);
    expect(pipeline.wantsSelf).toBe(true);
    await pipeline.dispatch(message(wireMessage()), { signal: new AbortController().signal });
    expect(bot.sent).toEqual([{ to: FRIEND_ID, text: 'b saw a=true' }]);

    const plain = await createMessagePipeline([a()], bot, captureLogger().logger);
    expect(plain.wantsSelf).toBe(false);
  });

  it("a handler's error goes to the bot's 'error' listeners when there are any", async () => {
    const broken = definePlugin({ name: 'broken', setup: (api) => api.use(() => { throw new Error('handler broke'); }) });
    const heard = botWithErrors(true);
    await (await createMessagePipeline([broken()], heard.bot, captureLogger().logger)).dispatch(message(wireMessage()), { signal: new AbortController().signal });
    expect(heard.errors.map((e) => e.message)).toEqual(['handler broke']);
    const unheard = botWithErrors(false);
    await (await createMessagePipeline([broken()], unheard.bot, captureLogger().logger)).dispatch(message(wireMessage()), { signal: new AbortController().signal });
    expect(unheard.errors).toEqual([]);
  });

  it('delivers events to the plugins', async () => {
    const seen: string[] = [];
    const listener = definePlugin({ name: 'l', setup: (api) => api.onEvent('contact', (e) => void seen.push(e.contact.name)) });
    const pipeline = await createMessagePipeline([listener()], botWithErrors(false).bot, captureLogger().logger);
    await pipeline.emit('contact', { contact: contact('@a', 'Ann'), previous: undefined, becameFriend: false });
    expect(seen).toEqual(['Ann']);
  });

  it('dispose waits for the messages still running, then tears the plugins down', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = definePlugin({
      name: 'slow',
      setup(api) {
        api.use(async () => {
          await held;
          order.push('handler done');
        });
        return () => void order.push('disposed');
      },
    });
    const pipeline = await createMessagePipeline([slow()], botWithErrors(false).bot, captureLogger().logger);
    const running = pipeline.dispatch(message(wireMessage({ FromUserName: FRIEND_ID, ToUserName: SELF_ID })), { signal: new AbortController().signal });
    const disposed = pipeline.dispose();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release();
    await Promise.all([running, disposed]);
    expect(order).toEqual(['handler done', 'disposed']);
  });
});

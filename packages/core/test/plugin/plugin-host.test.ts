import { z } from 'zod';
import { createDispatcher, definePlugin, PluginHost, WxbotError } from '@wxbot/core/internals';
import type { PluginApi } from '@wxbot/core/internals';
import { captureLogger, FakeBot, flush, message } from '../fixtures/bot';
import { groupMessage, wireMessage } from '../fixtures/wire';

function host() {
  const bot = new FakeBot();
  const { logger, lines } = captureLogger();
  return { bot, logger, lines, host: new PluginHost({ bot, logger }) };
}

async function loadError(promise: Promise<unknown>): Promise<WxbotError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WxbotError);
  return error as WxbotError;
}

const keywordLike = definePlugin({
  name: 'keyword',
  options: z.object({
    rules: z.array(z.object({ match: z.enum(['exact', 'contains', 'regex']), pattern: z.string(), reply: z.string() })),
    limit: z.number().int().min(1).default(3),
  }),
  setup() {},
});

describe('definePlugin', () => {
  it('returns a factory carrying the definition', () => {
    const def = { name: 'p', setup() {} };
    const factory = definePlugin(def);
    expect(factory.definition).toBe(def);
    // @ts-expect-error -- no schema: no options in TypeScript (a JS config may still pass some)
    expect(factory({ a: 1 })).toEqual({ definition: def, rawOptions: { a: 1 } });
    expect(Object.isFrozen(factory())).toBe(true);
  });
});

describe('PluginHost options validation', () => {
  it('names plugin, option path, expected values and the received value for enums', async () => {
    const { host: h } = host();
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    const error = await loadError(h.load([keywordLike({ rules: [{ match: 'startsWith', pattern: 'x', reply: 'y' }] })]));
    expect(error.code).toBe('WXBOT_PLUGIN_OPTIONS');
    expect(error.message).toBe('plugin "keyword": option "rules.0.match" expected one of "exact" | "contains" | "regex", got "startsWith"');
  });

  it('reports wrong types, missing options and range errors, all at once', async () => {
    const { host: h } = host();
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    const error = await loadError(h.load([keywordLike({ rules: [{ match: 'exact', pattern: 5 }], limit: 0 })]));
    expect(error.message).toBe(
      'plugin "keyword": option "rules.0.pattern" expected string, got 5; ' +
        'option "rules.0.reply" expected string, got undefined; ' +
        'option "limit" number must be greater than or equal to 1, got 0',
    );
  });

  it('fills defaults when a factory is called without options, and reports required ones', async () => {
    const withDefaults = definePlugin({ name: 'd', options: z.object({ n: z.number().default(2) }), setup(_api, o) { seen.push(o.n); } });
    const seen: number[] = [];
    await host().host.load([withDefaults()]);
    expect(seen).toEqual([2]);
    const error = await loadError(host().host.load([keywordLike()]));
    expect(error.message).toBe('plugin "keyword": option "rules" expected array, got undefined');
  });

  it('validates every plugin before running any setup', async () => {
    const setups: string[] = [];
    const good = definePlugin({ name: 'good', setup: () => void setups.push('good') });
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    await loadError(host().host.load([good, keywordLike({ rules: 'nope' })]));
    expect(setups).toEqual([]);
  });

  it('does not print object values (they may hold secrets)', async () => {
    const p = definePlugin({ name: 's', options: z.object({ token: z.string() }), setup() {} });
    // @ts-expect-error -- also a compile error; this checks the run-time one a JS config gets
    const error = await loadError(host().host.load([p({ token: { secret: 'x' } })]));
    expect(error.message).toBe('plugin "s": option "token" expected string, got an object');
  });
});

describe('PluginHost loading', () => {
  it('accepts instances, factories and bare definitions; rejects duplicates', async () => {
    const a = definePlugin({ name: 'a', setup() {} });
    const b = { name: 'b', setup() {} };
    const { host: h } = host();
    await h.load([a(), definePlugin({ name: 'c', setup() {} }), b]);
    expect(h.names).toEqual(['a', 'c', 'b']);
    const error = await loadError(host().host.load([a(), a]));
    expect(error.code).toBe('WXBOT_PLUGIN_DUPLICATE');
    expect(error.message).toBe('plugin "a" is listed twice (plugins[0] and plugins[1])');
  });

  it('rejects entries that are not plugins', async () => {
    const error = await loadError(host().host.load([{ nope: true } as never]));
    expect(error.code).toBe('WXBOT_UNKNOWN_PLUGIN');
  });

  it('wraps a throwing setup in WXBOT_PLUGIN_SETUP naming the plugin, and disposes the earlier ones', async () => {
    const disposed: string[] = [];
    const ok = definePlugin({ name: 'ok', setup: () => () => void disposed.push('ok') });
    const bad = definePlugin({ name: 'bad', async setup() { throw new Error('no database'); } });
    const error = await loadError(host().host.load([ok, bad]));
    expect(error.code).toBe('WXBOT_PLUGIN_SETUP');
    expect(error.message).toBe('plugin "bad" failed to set up: no database');
    expect((error.cause as Error).message).toBe('no database');
    expect(disposed).toEqual(['ok']);
  });

  it('reports an unknown filter from setup with its own code and the plugin name', async () => {
    const p = definePlugin({ name: 'filters', setup(api) { api.on('txt' as never, () => undefined); } });
    const error = await loadError(host().host.load([p]));
    expect(error.code).toBe('WXBOT_UNKNOWN_FILTER');
    expect(error.message).toMatch(/^plugin "filters": unknown filter query "txt"/);
  });

  it('throws WXBOT_LATE_REGISTRATION for middleware added after setup', async () => {
    let saved: PluginApi | undefined;
    const p = definePlugin({ name: 'late', setup(api) { saved = api; } });
    await host().host.load([p]);
    expect(() => saved?.use(() => undefined)).toThrow(expect.objectContaining({ code: 'WXBOT_LATE_REGISTRATION' }));
  });

  it('allows registration during an async setup', async () => {
    const p = definePlugin({ name: 'async', async setup(api) { await Promise.resolve(); api.use(() => 'x'); } });
    const { host: h } = host();
    await h.load([p]);
    expect(h.chains[0]?.middleware).toHaveLength(1);
  });
});

describe('PluginHost dispose', () => {
  it('runs disposers in reverse order, logging (not throwing) failures', async () => {
    const order: string[] = [];
    const make = (name: string, fail = false) =>
      definePlugin({ name, setup: () => async () => { order.push(name); if (fail) throw new Error(`${name} stuck`); } });
    const { host: h, lines } = host();
    await h.load([make('one'), make('two', true), make('three')]);
    await expect(h.dispose()).resolves.toBeUndefined();
    await flush();
    expect(order).toEqual(['three', 'two', 'one']);
    expect(lines.some((l) => l.plugin === 'two' && l.msg === 'plugin disposer failed')).toBe(true);
    await h.dispose();
    expect(order).toHaveLength(3);
  });
});

describe('PluginHost with the dispatcher', () => {
  it('wires use/on/hears with filters and includeSelf', async () => {
    const echo = definePlugin({
      name: 'demo',
      options: z.object({ answer: z.string().default('pong') }),
      setup(api, options) {
        api.hears('ping', () => options.answer);
        api.on('group:text', (ctx) => `group said ${ctx.message.text}`);
        api.use((ctx) => `fallback ${ctx.message.kind}`);
      },
    });
    const { host: h, bot, logger } = host();
    await h.load([echo({ answer: 'PONG' })]);
    const dispatcher = createDispatcher({ plugins: h.chains, bot, logger });
    await dispatcher.dispatch(message(wireMessage({ Content: 'ping' })));
    await dispatcher.dispatch(message(groupMessage('hello')));
    await dispatcher.dispatch(message(wireMessage({ MsgType: 3 })));
    expect(bot.sent.map((s) => s.text)).toEqual(['PONG', 'group said hello', 'fallback image']);
  });

  it('hears a group text without the leading @-mention of the bot ("@Bot ping" is "ping")', async () => {
    const ping = definePlugin({ name: 'ping', setup: (api) => { api.hears('ping', () => 'pong'); api.hears(/^weather (\w+)$/, (ctx) => `weather for ${ctx.message.text}`); } });
    const { host: h, bot, logger } = host();
    await h.load([ping()]);
    const dispatcher = createDispatcher({ plugins: h.chains, bot, logger });
    for (const text of ['@Bot\u2005ping', '@Bot ping', 'ping', '@Bot\u2005weather Paris', 'ping @Bot', '@Alice\u2005ping', '@Bottle ping', '@Botty ping']) {
      await dispatcher.dispatch(message(groupMessage(text)));
    }
    // The message itself is unchanged: ctx.message.text keeps the mention. "Botty" is the bot's
    // display name in this group, so it counts as the bot's mention too.
    expect(bot.sent.map((s) => s.text)).toEqual(['pong', 'pong', 'pong', 'weather for @Bot\u2005weather Paris', 'pong']);
  });

  it('refuses a second load on the same host (build a new host to reload)', async () => {
    const { host: h } = host();
    await h.load([]);
    expect((await loadError(h.load([]))).code).toBe('WXBOT_LATE_REGISTRATION');
  });
});

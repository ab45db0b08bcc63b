import { createDispatcher } from '@wxbot/core/internals';
import type { DispatchErrorInfo, Middleware, PluginChain } from '@wxbot/core/internals';
import { captureLogger, FakeBot, flush, message } from '../fixtures/bot';
import { FRIEND_ID, GROUP_ID, groupMessage, SELF_ID, wireMessage } from '../fixtures/wire';

const chain = (name: string, middleware: Middleware[], includeSelf = false): PluginChain => ({ name, includeSelf, middleware });

function setup(plugins: PluginChain[]) {
  const bot = new FakeBot();
  const { logger, lines } = captureLogger();
  const errors: Array<{ error: unknown; info: DispatchErrorInfo }> = [];
  const dispatcher = createDispatcher({ plugins, bot, logger, onError: (error, info) => errors.push({ error, info }) });
  return { bot, lines, errors, dispatcher };
}

describe('createDispatcher', () => {
  it('sends returned strings, OutgoingText and arrays to the message chat, in order', async () => {
    const { bot, dispatcher } = setup([
      chain('a', [async (_ctx, next) => { await next(); return 'third'; }, () => ['first', { text: 'second' }]]),
    ]);
    await dispatcher.dispatch(message(wireMessage({ Content: 'hi' })));
    expect(bot.sent).toEqual([
      { to: FRIEND_ID, text: 'first' },
      { to: FRIEND_ID, text: 'second' },
      { to: FRIEND_ID, text: 'third' },
    ]);
  });

  it('routes an Outgoing with `to` there, and ctx.reply to the group', async () => {
    const { bot, dispatcher } = setup([
      chain('a', [async (ctx) => { await ctx.reply('via ctx'); return { text: 'elsewhere', to: 'filehelper' }; }]),
    ]);
    await dispatcher.dispatch(message(groupMessage('hi')));
    expect(bot.sent).toEqual([{ to: GROUP_ID, text: 'via ctx' }, { to: 'filehelper', text: 'elsewhere' }]);
  });

  it('passes the message to the next plugin only through next(); state is shared', async () => {
    const seen: string[] = [];
    const { dispatcher } = setup([
      chain('first', [async (ctx, next) => { ctx.state.by = ctx.plugin; seen.push('first'); await next(); }]),
      chain('second', [(ctx) => { seen.push(`second saw ${String(ctx.state.by)}`); }]),
      chain('third', [() => { seen.push('third'); }]),
    ]);
    await dispatcher.dispatch(message(wireMessage()));
    expect(seen).toEqual(['first', 'second saw first']);
  });

  it('isolates a throwing plugin: logs plugin and msgId, reports, continues with the next plugin', async () => {
    const { bot, dispatcher, lines, errors } = setup([
      chain('broken', [() => { throw new Error('boom'); }]),
      chain('rejecting', [() => Promise.reject(new Error('async boom'))]),
      chain('works', [() => 'still here']),
    ]);
    const m = message(wireMessage());
    await dispatcher.dispatch(m);
    await flush();
    expect(bot.sent).toEqual([{ to: FRIEND_ID, text: 'still here' }]);
    const logged = lines.filter((l) => l.msg === 'plugin handler failed');
    expect(logged.map((l) => [l.plugin, l.msgId, (l.err as { message: string }).message])).toEqual([
      ['broken', m.id, 'boom'],
      ['rejecting', m.id, 'async boom'],
    ]);
    expect(errors.map((e) => e.info.plugin)).toEqual(['broken', 'rejecting']);
  });

  it('does not run later plugins twice when a plugin throws after calling next', async () => {
    let runs = 0;
    const { dispatcher, errors } = setup([
      chain('late-thrower', [async (_ctx, next) => { await next(); throw new Error('after'); }]),
      chain('counter', [() => { runs += 1; }]),
    ]);
    await dispatcher.dispatch(message(wireMessage()));
    expect(runs).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('logs a next() called twice as that plugin’s error', async () => {
    const { dispatcher, errors } = setup([chain('twice', [async (_ctx, next) => { await next(); await next(); }])]);
    await dispatcher.dispatch(message(wireMessage()));
    expect((errors[0]?.error as { code?: string }).code).toBe('WXBOT_NEXT_TWICE');
  });

  it('logs and reports a failed reply send, and keeps sending the others', async () => {
    const { bot, dispatcher, errors, lines } = setup([chain('a', [() => ['ok 1', 'fail me', 'ok 2']])]);
    bot.failOn = /fail/;
    await dispatcher.dispatch(message(wireMessage()));
    await flush();
    expect(bot.sent.map((s) => s.text)).toEqual(['ok 1', 'ok 2']);
    expect(errors.map((e) => e.info.phase)).toEqual(['reply']);
    expect(lines.some((l) => l.msg === 'sending reply failed' && l.plugin === 'a')).toBe(true);
  });

  it('skips self-sent messages unless the plugin sets includeSelf', async () => {
    const seen: string[] = [];
    const { dispatcher } = setup([
      chain('normal', [(_ctx, next) => { seen.push('normal'); return next(); }]),
      chain('selfish', [() => { seen.push('selfish'); }], true),
    ]);
    await dispatcher.dispatch(message(wireMessage({ FromUserName: SELF_ID, ToUserName: FRIEND_ID })));
    expect(seen).toEqual(['selfish']);
  });

  it('resolves only after async handlers and their replies are done', async () => {
    const { bot, dispatcher } = setup([chain('slow', [async () => { await new Promise((r) => setTimeout(r, 20)); return 'late'; }])]);
    await dispatcher.dispatch(message(wireMessage()));
    expect(bot.sent).toHaveLength(1);
  });

  it('starts no further plugin once the signal is aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const { dispatcher } = setup([
      chain('a', [async (ctx, next) => { seen.push('a'); expect(ctx.signal).toBe(controller.signal); controller.abort(); await next(); }]),
      chain('b', [() => { seen.push('b'); }]),
    ]);
    await dispatcher.dispatch(message(wireMessage()), { signal: controller.signal });
    expect(seen).toEqual(['a']);
  });

  it('warns about return values that are not replies', async () => {
    const { bot, dispatcher, lines } = setup([chain('odd', [() => 42 as unknown as string])]);
    await dispatcher.dispatch(message(wireMessage()));
    await flush();
    expect(bot.sent).toEqual([]);
    expect(lines.some((l) => l.level === 40 && l.plugin === 'odd')).toBe(true);
  });
});

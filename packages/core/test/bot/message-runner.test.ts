import { definePlugin, type Context, type Message } from '@wxbot/core/internals';
import { RECEIVE_BACKLOG_LINE } from '../../src/limits';
import { createMessagePipeline, type MessagePipeline } from '../../src/bot/pipeline-adapter';
import { MessageRunner, type MessageRunnerDeps } from '../../src/bot/message-runner';
import { InboxJournal } from '../../src/storage/journal';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';
import { captureLogger, FakeBot, message } from '../fixtures/bot';
import { FRIEND_ID, wireMessage } from '../fixtures/wire';

/** A gate a handler waits on until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A runner over a real plugin pipeline and a real journal in a MemoryStateStore. */
async function setup(handler: (ctx: Context) => unknown, options: Partial<MessageRunnerDeps> = {}) {
  const bot = new FakeBot();
  const { logger, lines } = captureLogger();
  const state = new MemoryState();
  const store = new MemoryStateStore(state);
  const journal = new InboxJournal(store);
  await journal.load();
  const plugin = definePlugin({ name: 'probe', setup: (api) => api.use((ctx) => handler(ctx) as undefined) });
  const pipeline: MessagePipeline = await createMessagePipeline([plugin()], Object.assign(bot, { emit: () => true, listenerCount: () => 0 }), logger);
  const scopes: string[] = [];
  const forgotten: string[] = [];
  const handled: string[] = [];
  const runner = new MessageRunner({
    log: logger,
    journal,
    pipeline: () => pipeline,
    scopedApi: (prefix) => (scopes.push(prefix), bot),
    forgetOutcomes: (scope) => forgotten.push(scope),
    onHandle: (m) => handled.push(m.id),
    ...options,
  });
  /** Journal a message (as the receiver does), then schedule it. */
  const receive = async (m: Message) => {
    await store.appendAll([journal.addRecord([m.raw])!]);
    runner.schedule(m);
  };
  const settled = async () => {
    await runner.idle();
    await store.flush();
    await new Promise((r) => setImmediate(r));
  };
  return { bot, lines, journal, runner, scopes, forgotten, handled, receive, settled, state };
}

describe('MessageRunner', () => {
  it('runs a message through the plugins with the scoped api msg:<id>, then marks it done and forgets its outcomes', async () => {
    const t = await setup((ctx) => ctx.reply(`re: ${ctx.message.text}`));
    const m = message(wireMessage({ Content: 'hi' }));
    await t.receive(m);
    await t.settled();
    expect(t.bot.sent).toEqual([{ to: FRIEND_ID, text: 're: hi' }]);
    expect(t.scopes).toEqual([`msg:${m.id}`]);
    expect(t.handled).toEqual([m.id]);
    expect(t.journal.ids()).toEqual([]);
    expect(t.forgotten).toEqual([`msg:${m.id}#`]);
    expect(t.state.lines.map((l) => JSON.parse(l.json) as unknown)).toContainEqual({ d: [m.id] });
  });

  it('handles a chat in order and other chats meanwhile', async () => {
    const first = gate();
    const order: string[] = [];
    const t = await setup(async (ctx) => {
      if (ctx.message.text === 'slow') await first.opened;
      order.push(`${ctx.message.chat.id === FRIEND_ID ? 'friend' : 'other'}:${ctx.message.text}`);
    });
    await t.receive(message(wireMessage({ Content: 'slow' })));
    await t.receive(message(wireMessage({ Content: 'second' })));
    await t.receive(message(wireMessage({ Content: 'elsewhere', FromUserName: 'filehelper' })));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['other:elsewhere']);
    first.open();
    await t.settled();
    expect(order).toEqual(['other:elsewhere', 'friend:slow', 'friend:second']);
  });

  it('without a pipeline a message is not run and stays in the journal', async () => {
    const t = await setup(() => undefined, { pipeline: () => undefined });
    const m = message(wireMessage());
    await t.receive(m);
    await t.settled();
    expect(t.handled).toEqual([]);
    expect(t.journal.ids()).toEqual([m.id]);
  });

  it('skips a message older than skipOlderThanMs, recording it as handled', async () => {
    const t = await setup(() => 'should not run', { skipOlderThanMs: 60_000 });
    const old = message(wireMessage({ CreateTime: Math.floor(Date.now() / 1000) - 3600 }));
    const fresh = message(wireMessage({ CreateTime: Math.floor(Date.now() / 1000) }));
    await t.receive(old);
    await t.receive(fresh);
    await t.settled();
    expect(t.handled).toEqual([fresh.id]);
    expect(t.bot.sent).toHaveLength(1);
    expect(t.journal.ids()).toEqual([]);
    expect(t.lines.some((l) => l.msgId === old.id && String(l.msg).includes('skipOlderThanMs'))).toBe(true);
  });

  it('at the deadline aborts the handler with a TimeoutError and moves on', async () => {
    let reason: unknown;
    const t = await setup((ctx) => new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => ((reason = ctx.signal.reason), resolve()))).then(() => new Promise(() => undefined)), { handlerTimeoutMs: 5 });
    const m = message(wireMessage());
    await t.receive(m);
    await t.settled();
    expect(reason).toMatchObject({ name: 'TimeoutError', message: 'handler deadline of 5 ms passed' });
    expect(t.journal.ids()).toEqual([]);
    expect(t.lines.some((l) => l.msgId === m.id && l.msg === 'message handling passed its deadline; moving on')).toBe(true);
  });

  it('abortAll aborts the running handlers with the reason; a message not yet started stays in the journal for the next start', async () => {
    const reasons: unknown[] = [];
    const started = gate();
    const t = await setup(async (ctx) => {
      started.open();
      if (!ctx.signal.aborted) await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      reasons.push(ctx.signal.reason);
    });
    await t.receive(message(wireMessage()));
    await started.opened;
    t.runner.abortAll('stopping');
    const later = message(wireMessage({ FromUserName: 'filehelper' }));
    await t.receive(later);
    await t.settled();
    expect(reasons).toEqual(['stopping']);
    expect(t.handled).not.toContain(later.id);
    expect(t.journal.ids()).toEqual([later.id]);
    expect(t.lines.some((l) => l.msgId === later.id && l.msg === 'stopping: message left in the journal for the next start')).toBe(true);
  });

  it('room(): nothing to wait for below the line; at the line, resolves once one message is done', async () => {
    const hold = gate();
    const t = await setup(() => hold.opened);
    expect(t.runner.room()).toBeUndefined();
    for (let i = 0; i < RECEIVE_BACKLOG_LINE; i++) await t.receive(message(wireMessage({ FromUserName: `@chat${i}` })));
    const room = t.runner.room();
    expect(room).toBeInstanceOf(Promise);
    let resolved = false;
    void room!.then(() => (resolved = true));
    await new Promise((r) => setImmediate(r));
    expect(resolved).toBe(false);
    hold.open();
    await room;
    await t.settled();
    expect(t.runner.room()).toBeUndefined();
  });

  it('room(): a stuck backlog lets receipt go on after the handler deadline', async () => {
    const t = await setup(() => new Promise(() => undefined), { handlerTimeoutMs: 5 });
    for (let i = 0; i < RECEIVE_BACKLOG_LINE; i++) t.runner.schedule(message(wireMessage({ FromUserName: `@chat${i}` })));
    await expect(t.runner.room()).resolves.toBeUndefined();
    await t.settled();
  });
});

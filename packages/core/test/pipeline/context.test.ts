import { createContext, replyTarget } from '../../src/pipeline/context';
import { captureLogger, FakeBot, flush, message } from '../fixtures/bot';
import { FRIEND_ID, GROUP_ID, groupMessage, wireMessage } from '../fixtures/wire';

describe('replyTarget', () => {
  it("an Outgoing's own `to`, else the message's chat", () => {
    const m = message(groupMessage('hi'));
    expect(replyTarget(m, 'x')).toBe(GROUP_ID);
    expect(replyTarget(m, { text: 'x' })).toBe(GROUP_ID);
    expect(replyTarget(m, { text: 'x', to: 'filehelper' })).toBe('filehelper');
    expect(replyTarget(m, { text: 'x', to: '' })).toBe(GROUP_ID);
  });
});

describe('createContext', () => {
  function setup() {
    const bot = new FakeBot();
    const { logger, lines } = captureLogger();
    const m = message(wireMessage({ Content: 'hello' }));
    const state = { seen: 1 };
    const signal = new AbortController().signal;
    const ctx = createContext({ message: m, bot, state, logger, signal, plugin: 'echo' });
    return { bot, lines, m, state, signal, ctx };
  }

  it('a frozen context with the message, bot, shared state, signal and plugin name', () => {
    const t = setup();
    expect(Object.isFrozen(t.ctx)).toBe(true);
    expect(t.ctx.message).toBe(t.m);
    expect(t.ctx.bot).toBe(t.bot);
    expect(t.ctx.state).toBe(t.state);
    expect(t.ctx.signal).toBe(t.signal);
    expect(t.ctx.plugin).toBe('echo');
  });

  it('reply sends to the chat (or the given `to`); forward forwards this message', async () => {
    const t = setup();
    await t.ctx.reply('back');
    await t.ctx.reply({ text: 'aside', to: 'filehelper' });
    await t.ctx.forward('filehelper');
    expect(t.bot.sent).toEqual([
      { to: FRIEND_ID, text: 'back' },
      { to: 'filehelper', text: 'aside' },
      { to: 'filehelper', text: `[forward text ${t.m.id}]` },
    ]);
  });

  it('log is a child logger bound to the message id and the plugin', async () => {
    const t = setup();
    t.ctx.log.info('from a handler');
    await flush();
    expect(t.lines).toEqual([expect.objectContaining({ msg: 'from a handler', msgId: t.m.id, plugin: 'echo' })]);
  });
});

import { definePlugin } from '@wxbot/core';
import type { TestBot } from '@wxbot/testkit';
import { createSimulatorBot } from '../src/over-http';

// A real Bot over HTTP against the simulator: what only this mode does.
let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => (release = resolve));

const plugin = definePlugin({
  name: 'over-http-probe',
  setup(api) {
    api.hears('ping', () => 'pong');
    api.hears('hold', async () => {
      await held;
      return 'released';
    });
    api.on('image', (ctx) => ctx.reply({ text: `image from ${ctx.message.sender.name}` }).then(() => undefined));
    api.onEvent('friendship', async (event) => {
      if (event.type === 'request') await event.accept();
    });
  },
});

describe('createSimulatorBot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createSimulatorBot({ plugins: [plugin()], timeoutMs: 1_000 });
  }, 30_000);
  afterAll(async () => {
    release();
    await bot.close();
  });

  it('injects into the simulator and answers what the bot sent back, from the first friend by default', async () => {
    expect(bot.mode).toBe('simulator');
    expect(await bot.receive('ping')).toEqual([{ to: 'Alice', text: 'pong' }]);
    expect(await bot.receive({ kind: 'image', from: 'Bob' })).toEqual([{ to: 'Bobby', text: 'image from Bobby' }]);
    // The bot's own echoes are recorded too (includeSelf), whenever they arrive; what others sent comes in order.
    expect(bot.messages.filter((m) => !m.isSelf).map((m) => [m.kind, m.text])).toEqual([['text', 'ping'], ['image', '[image]']]);
    expect(bot.replies).toHaveLength(2);
    expect(bot.contacts.findContacts('Alice')).toHaveLength(1);
  });

  it('waits for the friendship listeners of every plugin before answering a friend request', async () => {
    await bot.friendRequest('Newbie', 'hi, I am Newbie');
    expect(bot.messages.at(-1)?.kind).toBe('friend-request');
  });

  it('says when a message is not handled in time, and refuses emit()', async () => {
    await expect(bot.receive('hold')).rejects.toThrow(/^testkit: message \d+ was not handled within 1000 ms$/);
    await expect((bot.emit as (name: string) => Promise<unknown>)('friendship')).rejects.toThrow('testkit: emit() is in-process only; in simulator mode events come from the simulator');
  });
});

import { definePlugin } from '@wxbot/core';
import { createTestBot, type TestBot, type TestBotMode } from '@wxbot/testkit';

// Link cards and forwards look the same in both modes: in process they are described from the
// call, over HTTP read back from what the simulator recorded; refusals carry the same codes.
const archive = definePlugin({
  name: 'archive',
  setup(api) {
    api.hears('docs', () => ({ link: { title: 'Docs & more', url: 'https://example.com/docs?a=1&b=2' } }));
    api.on(['link', 'image', 'file', 'voice'], async (ctx) => {
      try {
        await ctx.forward('filehelper');
      } catch (err) {
        await ctx.reply(`cannot: ${(err as { code?: string }).code}`);
      }
    });
  },
});

describe.each<TestBotMode>(['in-process', 'simulator'])('link cards and forwards under test (%s)', (mode) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ plugins: [archive()], mode });
  }, 30_000);
  afterAll(() => bot.close());

  it('a link card reply is recorded with its title and URL', async () => {
    expect(await bot.receive('docs', { from: 'Alice' })).toEqual([{ to: 'Alice', text: '', link: { title: 'Docs & more', url: 'https://example.com/docs?a=1&b=2' } }]);
  });

  it('forwards are recorded as what they re-send; voice is refused with its code', async () => {
    expect(await bot.receive({ kind: 'link', from: 'Alice', title: 'Read me', url: 'https://example.com/r' })).toEqual([{ to: '文件传输助手', text: '', link: { title: 'Read me', url: 'https://example.com/r' } }]);
    expect(await bot.receive({ kind: 'image', from: 'Bob', room: 'Family' })).toEqual([{ to: '文件传输助手', text: '', media: { kind: 'image' } }]);
    expect(await bot.receive({ kind: 'file', from: 'Alice', fileName: 'notes.txt', size: 20 })).toEqual([{ to: '文件传输助手', text: '', media: { kind: 'file', name: 'notes.txt' } }]);
    expect(await bot.receive({ kind: 'voice', from: 'Alice' })).toEqual([{ to: 'Alice', text: 'cannot: WXBOT_FORWARD_UNSUPPORTED' }]);
  });
});

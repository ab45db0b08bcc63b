import * as publicApi from '@wxbot/core';
import * as internals from '@wxbot/core/internals';
import { definePlugin, type Context, type MediaInfo, type Message, type MessageFor } from '@wxbot/core';

// Type-level checks run in `tsc -p tsconfig.tests.json` (part of the test command): an expected
// error that does not happen fails the build, and so does an assignment that does not compile.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T): void => undefined;

definePlugin({
  name: 'narrowing',
  setup(api) {
    api.on('group:text', (ctx) => {
      expectType<Equal<typeof ctx.message.kind, 'text'>>(true);
      expectType<Equal<typeof ctx.message.isGroup, true>>(true);
      const chatKind: 'group' = ctx.message.chat.kind;
      return chatKind;
    });
    api.on('image', (ctx) => {
      // Image messages always carry their media info: no optional chaining needed.
      const media: MediaInfo = ctx.message.media;
      return String(media.size ?? 0);
    });
    api.on(['friend:text', 'mentioned:text'], (ctx) => {
      expectType<Equal<typeof ctx.message.kind, 'text'>>(true);
    });
    api.on('mentioned', (ctx) => {
      const mentioned: true = ctx.message.mentionsSelf;
      return String(mentioned);
    });
    api.on('friend-request', async (ctx) => {
      await ctx.bot.friends.accept(ctx.message.friendRequest);
    });
    api.hears('ping', (ctx) => {
      expectType<Equal<typeof ctx.message.kind, 'text'>>(true);
      return 'pong';
    });
    api.use((ctx) => {
      expectType<Equal<typeof ctx.message, Message>>(true);
      // @ts-expect-error: without a filter the media may be absent
      void ctx.message.media.size;
    });
    // @ts-expect-error: not a filter query
    api.on('group:txt', () => undefined);
    // @ts-expect-error: a text filter does not promise media
    api.on('text', (ctx) => void ctx.message.media.size);
  },
});

expectType<Equal<MessageFor<'friend'>['isGroup'], false>>(true);
expectType<Equal<Context['message'], Message>>(true);

describe('@wxbot/core public surface', () => {
  const runtime = (mod: object): string[] => Object.keys(mod).filter((k) => k !== '__esModule').sort();

  it('exports at most 25 runtime values: what bot and plugin authors use', () => {
    const values = runtime(publicApi);
    expect(values.length).toBeLessThanOrEqual(25);
    for (const name of ['Bot', 'definePlugin', 'WxbotError', 'compose', 'filtered', 'MemoryStateStore']) expect(values).toContain(name);
  });

  it('keeps engine parts behind @wxbot/core/internals', () => {
    for (const name of ['StateLog', 'ReliableOutbox', 'PluginHost', 'createDispatcher', 'ContactStore', 'SyncLoop', 'applyBatch']) {
      expect(runtime(publicApi)).not.toContain(name);
      expect(runtime(internals)).toContain(name);
    }
  });

  it('has one group id check (isGroupUserName), not two', () => {
    expect(runtime(internals)).toContain('isGroupUserName');
    expect(runtime(internals)).not.toContain('isGroupId');
    expect(publicApi.isGroupUserName('@@room')).toBe(true);
    expect(publicApi.isGroupUserName('12345@chatroom')).toBe(true);
    expect(publicApi.isGroupUserName('@friend')).toBe(false);
  });
});

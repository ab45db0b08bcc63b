import { createDispatcher, parseMessage, PluginHost, WxbotError, type BotApi, type FriendRequestInfo, type Message, type Outgoing, type SentMessage } from '@wxbot/core/internals';
import pino from 'pino';
import { Directory } from './directory';
import { toIncoming } from './incoming';
import { describeForward, describeOutgoing } from './recorded-send';
import { toScenario } from './scenario';
import type { Incoming, Reply, TestBot, TestBotOptions, TextOptions } from './types';
import { toWire } from './wire-entries';

/** Bytes a media download yields in process: a tiny PNG, whatever the kind (tests assert on calls, not pixels). */
const FAKE_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4bb0000000049454e44ae426082', 'hex');

/**
 * The real pipeline in this process: real wire entries through core's `parseMessage`, `PluginHost`
 * and `createDispatcher`, with a BotApi whose `send` records replies. `receive` is exactly
 * `await dispatcher.dispatch(message)`: no timers, so jest's fake timers cannot stall it.
 */
export async function createInProcessBot(options: TestBotOptions): Promise<TestBot> {
  const scenario = toScenario(options);
  const dir = new Directory(scenario);
  const firstFriend = scenario.friends[0]?.nickName ?? '';
  const logger = options.logger ?? pino({ level: 'silent' });
  const replies: Reply[] = [];
  const messages: Message[] = [];
  const accepted: FriendRequestInfo[] = [];
  const rejected: FriendRequestInfo[] = [];
  let sends = 0;
  // Written loosely (and cast) so it fits BotApi as core adds actions to it; every action is recorded or faked.
  const api = {
    contacts: dir.store,
    async send(to: string, outgoing: Outgoing): Promise<SentMessage> {
      if (typeof outgoing === 'object' && 'card' in outgoing) throw new WxbotError('WXBOT_CARD_UNSUPPORTED', 'the web protocol cannot send contact cards; send the contact\'s name as text instead');
      replies.push(describeOutgoing(dir.nameOf(to), outgoing));
      sends += 1;
      return Object.freeze({ msgId: String(sends), localId: String(sends), to, sentAt: new Date() });
    },
    async acceptFriendRequest(request: FriendRequestInfo): Promise<void> {
      accepted.push(request);
    },
    async rejectFriendRequest(request: FriendRequestInfo): Promise<void> {
      rejected.push(request);
    },
    async download(message: Message) {
      return { bytes: FAKE_PNG, mime: 'image/png', ext: 'png', fileName: message.media?.fileName || `${message.id}.png`, rawFileName: message.media?.rawFileName ?? '' };
    },
    async downloadTo(_message: Message, filePath: string) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(filePath, FAKE_PNG);
      return { path: filePath, size: FAKE_PNG.length, mime: 'image/png' };
    },
    async revoke(): Promise<void> {},
    async forward(message: Message, to: string): Promise<SentMessage> {
      replies.push(describeForward(dir.nameOf(to), message));
      sends += 1;
      return Object.freeze({ msgId: String(sends), localId: String(sends), to, sentAt: new Date() });
    },
    async avatar() {
      return { bytes: FAKE_PNG, mime: 'image/png', ext: 'png' };
    },
  };
  const bot = api as unknown as BotApi;
  const host = new PluginHost({ bot, logger });
  await host.load(options.plugins);
  const dispatcher = createDispatcher({ plugins: host.chains, bot, logger });

  const run = async (input: Incoming): Promise<Reply[]> => {
    const message = parseMessage(toWire(input, dir, firstFriend), { selfId: dir.self.id, contacts: dir.store });
    messages.push(message);
    const before = replies.length;
    // As the Bot does: the friendship event first, then the message through the middleware.
    const request = message.friendRequest;
    if (message.kind === 'friend-request' && request) {
      const answer = { accept: () => api.acceptFriendRequest(request), reject: () => api.rejectFriendRequest(request), ignore: () => undefined };
      await host.emit('friendship', { type: 'request', request, message, ...answer });
    }
    await dispatcher.dispatch(message);
    return replies.slice(before);
  };

  return {
    mode: 'in-process',
    receive: (first: string | Incoming, opts?: TextOptions) => run(toIncoming(first, opts)),
    mention: (room, from, text) => run({ kind: 'text', text, from, room, mention: true }),
    friendRequest: (nickName, greeting) => run({ kind: 'friend-request', nickName, ...(greeting !== undefined ? { greeting } : {}) }),
    async emit(name, ...args) {
      const before = replies.length;
      await host.emit(name, ...args);
      return replies.slice(before);
    },
    contacts: dir.store,
    replies,
    messages,
    accepted,
    rejected,
    close: () => host.dispose(),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Bot, definePlugin } from '@wxbot/core';
// The module itself, not the @wxbot/testkit barrel (which loads the simulator too).
import { createTestBot } from '../../testkit/src/create-test-bot';
import { RecentMessages } from '../src/recent-messages';

// A real Bot, never started: RecentMessages only listens to its `message` event, so the test
// emits real messages (received by an in-process test bot) as the engine would.
describe('RecentMessages', () => {
  it('keeps received messages by id for forwards until closed', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-recent-'));
    const testBot = await createTestBot({ plugins: [definePlugin({ name: 'quiet', setup() {} })()], mode: 'in-process' });
    try {
      await testBot.receive('first', { from: 'Alice' });
      await testBot.receive('second', { from: 'Bob', room: 'Family' });
      const [first, second] = testBot.messages.slice(-2);
      const bot = new Bot({ home, logger: pino({ level: 'silent' }) });
      const before = bot.listenerCount('message');
      const recent = new RecentMessages(bot);

      bot.emit('message', first!);
      expect(recent.get(first!.id)).toBe(first);
      expect(recent.get(second!.id)).toBeUndefined();
      expect(recent.get('no-such-id')).toBeUndefined();

      recent.close();
      expect(bot.listenerCount('message')).toBe(before);
      bot.emit('message', second!);
      expect(recent.get(second!.id)).toBeUndefined();
      expect(recent.get(first!.id)).toBe(first);
    } finally {
      await testBot.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

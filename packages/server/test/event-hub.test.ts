import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Bot, WxbotError, definePlugin } from '@wxbot/core';
// The module itself, not the @wxbot/testkit barrel (which loads the simulator too).
import { createTestBot } from '../../testkit/src/create-test-bot';
import { EventHub, type ApiEvent } from '../src/event-hub';

// A real Bot, never started: the hub only listens to its events, so the test emits them as the
// engine would. The message is a real one, received by an in-process test bot.
describe('EventHub', () => {
  let home: string;
  beforeAll(() => (home = mkdtempSync(path.join(tmpdir(), 'wxbot-hub-'))));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("turns the bot's events into numbered API events, remembers the QR and the account, and scrubs errors", async () => {
    const testBot = await createTestBot({ plugins: [definePlugin({ name: 'quiet', setup() {} })()], mode: 'in-process' });
    await testBot.receive('hi', { from: 'Alice' });
    const message = testBot.messages.at(-1)!;
    const self = testBot.contacts.self;
    await testBot.close();

    const bot = new Bot({ home, logger: pino({ level: 'silent' }) });
    const ownListeners = { message: bot.listenerCount('message'), state: bot.listenerCount('state') };
    const hub = new EventHub(bot);
    const events: ApiEvent[] = [];
    hub.subscribe((e) => events.push(e));

    bot.emit('qr', { uuid: 'u1', url: 'https://login.weixin.qq.com/l/u1' });
    expect(hub.qr).toEqual({ uuid: 'u1', url: 'https://login.weixin.qq.com/l/u1' });
    bot.emit('login', { self, method: 'qr' });
    expect(hub.qr).toBeUndefined();
    expect(hub.account).toEqual({ id: self.id, name: self.name });
    expect(hub.loginMethod).toBe('qr');
    bot.emit('state', 'running');
    bot.emit('message', message);
    bot.emit('error', new WxbotError('WXBOT_SEND_FAILED', 'send failed: GET /synccheck?skey=@crypt_ab12&sid=s1'));
    bot.emit('error', new Error('plain'));
    bot.emit('logout', { code: 1101, reason: 'logged out on the phone' });

    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'qr'], [2, 'login'], [3, 'state'], [4, 'message'], [5, 'error'], [6, 'error'], [7, 'logout']]);
    expect(events[1]?.data).toEqual({ account: { id: self.id, name: self.name }, method: 'qr' });
    expect(events[2]?.data).toEqual({ state: 'running' });
    expect(events[3]?.data).toMatchObject({ id: message.id, kind: 'text', text: 'hi', sender: { name: 'Alice' } });
    expect(events[4]?.data).toEqual({ message: 'send failed: GET /synccheck?skey=[redacted]&sid=[redacted]', code: 'WXBOT_SEND_FAILED' });
    expect(events[5]?.data).toEqual({ message: 'plain' });
    expect(events[6]?.data).toEqual({ code: 1101, reason: 'logged out on the phone' });

    hub.close();
    bot.emit('state', 'stopped');
    bot.emit('message', message);
    expect(events).toHaveLength(7);
    expect({ message: bot.listenerCount('message'), state: bot.listenerCount('state') }).toEqual(ownListeners);
  });
});

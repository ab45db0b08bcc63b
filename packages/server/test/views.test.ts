import { definePlugin } from '@wxbot/core';
// The module itself, not the @wxbot/testkit barrel (which loads the simulator too).
import { createTestBot } from '../../testkit/src/create-test-bot';
import { contactView, messageView, roomView, scrub } from '../src/views';

const quiet = definePlugin({ name: 'quiet', setup() {} });

describe('API views', () => {
  it('show contacts, rooms and received messages by their public fields only', async () => {
    const bot = await createTestBot({ plugins: [quiet()], mode: 'in-process' });
    try {
      await bot.receive('hello there', { from: 'Bob', room: 'Family' });
      const message = bot.messages.at(-1);
      expect(message).toBeDefined();
      const view = messageView(message!);
      expect(view).toEqual({
        id: message!.id,
        kind: 'text',
        text: 'hello there',
        chat: { id: message!.chat.id, kind: 'group', name: 'Family' },
        sender: { id: message!.sender.id, name: message!.sender.name },
        isSelf: false,
        isGroup: true,
        mentionsSelf: false,
        createdAt: message!.createdAt.toISOString(),
      });
      expect(JSON.parse(JSON.stringify(view))).toEqual(view);
      await bot.receive({ kind: 'file', fileName: 'report.pdf', from: 'Alice' });
      expect(messageView(bot.messages.at(-1)!)).toMatchObject({ kind: 'file', fileName: 'report.pdf', isGroup: false, chat: { kind: 'friend' } });

      const alice = bot.contacts.findContacts('Alice')[0];
      expect(alice).toBeDefined();
      expect(contactView(alice!)).toEqual({ id: alice!.id, stableId: alice!.stableId, kind: alice!.kind, name: 'Alice', nickName: alice!.nickName, remarkName: alice!.remarkName });
      const family = bot.contacts.findGroups('Family')[0];
      expect(family).toBeDefined();
      expect(roomView(family!)).toEqual({ id: family!.id, stableId: family!.stableId, kind: 'group', name: 'Family', topic: family!.topic, memberCount: family!.memberCount });
      expect(roomView(family!).memberCount).toBeGreaterThan(1);
    } finally {
      await bot.close();
    }
  });

  it('scrub blanks credentials quoted in free text and leaves the rest', () => {
    expect(scrub('GET /webwxsync?skey=@crypt_ab12&sid=x')).toBe('GET /webwxsync?skey=[redacted]&sid=[redacted]');
    expect(scrub('failed: https://wx.qq.com/x?PASS_TICKET=abc%2B&r=1 and key @crypt_9f_Z')).toBe('failed: https://wx.qq.com/x?PASS_TICKET=[redacted]&r=1 and key [redacted]');
    expect(scrub('cookie wxuin=123; webwx_data_ticket=dt; DeviceID=e123 "uin=9"')).toBe('cookie wxuin=[redacted]; webwx_data_ticket=[redacted]; DeviceID=[redacted] "uin=[redacted]"');
    expect(scrub('topic=cats&desk=3 pass a ticket')).toBe('topic=cats&desk=3 pass a ticket');
  });
});

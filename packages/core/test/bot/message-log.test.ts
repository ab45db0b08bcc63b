import { excerpt, MessageLog } from '../../src/bot/message-log';
import { ContactStore } from '../../src/contacts/contact-store';
import { captureLogger, flush, message } from '../fixtures/bot';
import { FRIEND_ID, GROUP_ID, groupMessage, wireContact, wireMember, wireMessage, wireUser } from '../fixtures/wire';

describe('excerpt', () => {
  it('folds whitespace and cuts long texts with an ellipsis', () => {
    expect(excerpt('  a\n\n b\tc  ')).toBe('a b c');
    expect(excerpt('x'.repeat(60))).toBe('x'.repeat(60));
    expect(excerpt('x'.repeat(61))).toBe(`${'x'.repeat(59)}…`);
    expect(excerpt('abcdef', 4)).toBe('abc…');
  });
});

describe('MessageLog', () => {
  function setup(withSelf = true) {
    const contacts = new ContactStore();
    if (withSelf) contacts.setSelf(wireUser('@self', 'Bot'));
    contacts.upsertMany([wireContact({ UserName: FRIEND_ID, NickName: 'Alice', ContactFlag: 1 }), wireContact({ UserName: GROUP_ID, NickName: 'Team', MemberList: [wireMember('@m', 'Mo')] })]);
    const { logger, lines } = captureLogger();
    return { lines, log: new MessageLog(contacts, logger) };
  }

  it('one line per incoming message: chat, sender and an excerpt or the kind', async () => {
    const t = setup();
    const m = message(wireMessage({ Content: 'hello   there' }));
    t.log.incoming(m);
    t.log.incoming(message(wireMessage({ MsgType: 3, Content: '' })));
    t.log.incoming(message(groupMessage('hi all')));
    await flush();
    expect(t.lines.map((l) => l.msg)).toEqual([`<- ${m.chat.name}: hello there`, `<- ${m.chat.name}: [image]`, expect.stringMatching(/^<- .+ in .+: hi all$/)]);
    expect(t.lines[0]).toMatchObject({ level: 30, kind: 'text', msgId: m.id });
  });

  it('one line per action, naming the chat from the store, never other ids', async () => {
    const t = setup();
    t.log.sent('text', { to: FRIEND_ID, text: 'reply' });
    t.log.sent('send-image', { to: GROUP_ID, name: 'dot.png', path: '/home/x/media/abc' });
    t.log.sent('rename-room', { room: GROUP_ID, topic: 'x' });
    t.log.sent('verify-user', { userName: '@stranger', ticket: 'v2_secret' });
    t.log.sent('revoke', undefined);
    await flush();
    expect(t.lines.map((l) => l.msg)).toEqual(['-> Alice: reply', '-> Team: [image] dot.png', '-> Team: [rename-room]', '-> @stranger: [verify-user]', '-> : [revoke]']);
    expect(JSON.stringify(t.lines)).not.toContain('v2_secret');
    expect(JSON.stringify(t.lines)).not.toContain('/home/x/media');
  });

  it('before the store knows itself (no webwxinit yet) the UserName stands for the chat', async () => {
    const t = setup(false);
    t.log.sent('text', { to: '@nobody', text: 'early' });
    await flush();
    expect(t.lines[0]?.msg).toBe('-> @nobody: early');
  });
});

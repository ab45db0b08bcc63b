import pino from 'pino';
import { createWebwxHttp, type SessionContext, type SyncResponse } from '@wxbot/protocol';
import { ContactStore } from '../../src/contacts/contact-store';
import { DedupeWindow } from '../../src/message/dedupe-window';
import { applyBatch, readMessages } from '../../src/bot/batch-handler';
import { wireContact, wireMember, wireMessage, wireUser } from '../fixtures/wire';

const log = pino({ level: 'silent' });
const SELF = '@self01';

function store(): ContactStore {
  const s = new ContactStore();
  s.setSelf(wireUser(SELF, 'Bot'));
  s.upsertMany([
    wireContact({ UserName: '@alice', NickName: 'Alice', ContactFlag: 1 }),
    wireContact({ UserName: '@@team', NickName: 'Team', MemberList: [wireMember(SELF, 'Bot'), wireMember('@bob', 'Bob')] }),
  ]);
  return s;
}

function batch(fields: Partial<SyncResponse>): SyncResponse {
  return { AddMsgList: [], ModContactList: [], DelContactList: [], ...fields } as unknown as SyncResponse;
}

/** A session context whose every request fails at once (nothing listens on port 9). */
function unreachable(): SessionContext {
  return {
    http: createWebwxHttp({ endpoint: 'http://127.0.0.1:9' }),
    hosts: { main: 'wx.qq.com', login: 'login.wx.qq.com', file: 'file.wx.qq.com', push: 'webpush.wx.qq.com' } as SessionContext['hosts'],
    credentials: { uin: 1, sid: 's', skey: '@k', passTicket: 'p' } as unknown as SessionContext['credentials'],
  };
}

describe('applyBatch', () => {
  it('returns the new messages in server order, normalised, and records them as seen', () => {
    const dedupe = new DedupeWindow(10);
    const res = batch({ AddMsgList: [wireMessage({ MsgId: '1', FromUserName: '@alice', Content: 'a' }), { MsgId: 2, MsgType: '1', Content: null } as never] });
    const { fresh, changes } = applyBatch(res, store(), dedupe, log);
    expect(fresh.map((m) => [m.MsgId, m.MsgType, m.Content])).toEqual([
      ['1', 1, 'a'],
      ['2', 1, ''],
    ]);
    expect(changes).toEqual([]);
    expect(dedupe.has('1') && dedupe.has('2')).toBe(true);
  });

  it('drops messages seen before, and entries without a usable MsgId', () => {
    const dedupe = new DedupeWindow(10, ['1']);
    const res = batch({ AddMsgList: [wireMessage({ MsgId: '1' }), wireMessage({ MsgId: '3' }), { Content: 'no id' } as never, wireMessage({ MsgId: '3' })] });
    expect(applyBatch(res, store(), dedupe, log).fresh.map((m) => m.MsgId)).toEqual(['3']);
  });

  it('applies deletions and changes to the contact store before it looks at the messages, and reports them', () => {
    const contacts = store();
    const res = batch({
      DelContactList: [{ UserName: '@alice' } as never],
      ModContactList: [wireContact({ UserName: '@@team', NickName: 'New name', MemberList: [wireMember(SELF, 'Bot'), wireMember('@bob', 'Bob'), wireMember('@carol', 'Carol')] })],
    });
    const { changes } = applyBatch(res, contacts, new DedupeWindow(10), log);
    expect(contacts.contact('@alice')).toBeUndefined();
    expect(contacts.group('@@team')?.name).toBe('New name');
    expect(changes.map((c) => c.name).sort()).toEqual(['room-join', 'room-topic']);
  });
});

describe('readMessages', () => {
  it('parses entries into typed messages, sender split off in groups', async () => {
    const { messages, unparsable } = await readMessages(
      [wireMessage({ MsgId: '5', FromUserName: '@alice', ToUserName: SELF, Content: 'hi' }), wireMessage({ MsgId: '6', FromUserName: '@@team', ToUserName: SELF, Content: '@bob:<br/>hello all' })],
      unreachable(),
      store(),
      log,
    );
    expect(unparsable).toEqual([]);
    expect(messages.map((m) => [m.id, m.chat.id, m.sender.name, m.text])).toEqual([
      ['5', '@alice', 'Alice', 'hi'],
      ['6', '@@team', 'Bob', 'hello all'],
    ]);
  });

  it('keeps messages of a group it cannot fetch, with the sender unresolved, instead of losing them', async () => {
    const ctx = unreachable();
    const { messages } = await readMessages([wireMessage({ MsgId: '7', FromUserName: '@@unknown', ToUserName: SELF, Content: '@zed:<br/>who am I' })], ctx, store(), log);
    ctx.http.close();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: '7', text: 'who am I', isGroup: true });
    expect(messages[0]?.sender.id).toBe('@zed');
  });
});

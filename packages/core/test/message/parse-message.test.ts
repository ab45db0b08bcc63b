import { parseMessage } from '@wxbot/core/internals';
import { env } from '../fixtures/contacts';
import { FRIEND_ID, GROUP_ID, groupMessage, MEMBER_ID, SELF_ID, wireMessage } from '../fixtures/wire';

describe('parseMessage: text, chat, sender', () => {
  it('parses a friend text with exact MsgId, sender, chat and createdAt', () => {
    const wire = wireMessage({ MsgId: '179242112323992762', NewMsgId: 179242112323992770, Content: 'a &amp; b<br/>c' });
    const m = parseMessage(wire, env());
    expect(m).toMatchObject({
      id: '179242112323992762',
      kind: 'text',
      type: 1,
      text: 'a & b\nc',
      chat: { id: FRIEND_ID, kind: 'friend', name: 'Ali' },
      sender: { id: FRIEND_ID, name: 'Ali' },
      isSelf: false,
      isGroup: false,
      mentionsSelf: false,
      mentions: [],
    });
    expect(m.createdAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(m.raw).toEqual(wire);
  });

  it('splits the group prefix and names the member by display name', () => {
    const m = parseMessage(groupMessage('hi all'), env());
    expect(m).toMatchObject({
      text: 'hi all',
      isGroup: true,
      chat: { id: GROUP_ID, kind: 'group', name: 'Team' },
      sender: { id: MEMBER_ID, name: 'Bobby B' },
    });
  });

  it('keeps ":\\n" inside a group body', () => {
    expect(parseMessage(groupMessage('todo:<br/>- milk'), env()).text).toBe('todo:\n- milk');
  });

  it('accepts a raw-id sender prefix and falls back to the nickname', () => {
    const m = parseMessage(groupMessage('yo', {}, 'wxid_unknown_1'), env());
    expect(m.sender).toEqual({ id: 'wxid_unknown_1', name: '' });
    const carol = parseMessage(groupMessage('yo', {}, '@c0ffee'), env());
    expect(carol.sender).toEqual({ id: '@c0ffee', name: 'Carol' });
  });

  it('treats FromUserName = self as self-sent: chat is ToUserName, no prefix is stripped', () => {
    const m = parseMessage(wireMessage({ FromUserName: SELF_ID, ToUserName: GROUP_ID, Content: '@x:<br/>not a prefix' }), env());
    expect(m).toMatchObject({ isSelf: true, isGroup: true, chat: { id: GROUP_ID }, sender: { id: SELF_ID, name: 'Bot' } });
    expect(m.text).toBe('@x:\nnot a prefix');
  });

  it('treats an empty FromUserName as self-sent', () => {
    const m = parseMessage(wireMessage({ FromUserName: '', ToUserName: FRIEND_ID }), env());
    expect(m).toMatchObject({ isSelf: true, chat: { id: FRIEND_ID, kind: 'friend' } });
  });

  it('classifies unknown chats: literal ids are special, @ids strangers', () => {
    expect(parseMessage(wireMessage({ FromUserName: 'weixin' }), env()).chat.kind).toBe('special');
    expect(parseMessage(wireMessage({ FromUserName: '@9999' }), env()).chat).toEqual({ id: '@9999', kind: 'stranger', name: '' });
    expect(parseMessage(wireMessage({ FromUserName: SELF_ID, ToUserName: SELF_ID }), env()).chat.kind).toBe('self');
  });
});

describe('parseMessage: mentions', () => {
  it('mentionsSelf by group display name with U+2005', () => {
    const m = parseMessage(groupMessage('@Botty\u2005ping'), env());
    expect(m.mentionsSelf).toBe(true);
    expect(m.mentions).toEqual(['Botty']);
  });
  it('mentionsSelf by nickname with a space, and names members with spaces', () => {
    const m = parseMessage(groupMessage('@Bob Smith @Bot hi'), env());
    expect(m.mentions).toEqual(['Bob Smith', 'Bot']);
    expect(m.mentionsSelf).toBe(true);
  });
  it('is false when someone else is mentioned', () => {
    expect(parseMessage(groupMessage('@Carol\u2005hi'), env()).mentionsSelf).toBe(false);
  });
  it('is never true in one-to-one chats or for self-sent messages', () => {
    expect(parseMessage(wireMessage({ Content: '@Bot hi' }), env()).mentionsSelf).toBe(false);
    expect(parseMessage(wireMessage({ FromUserName: SELF_ID, ToUserName: GROUP_ID, Content: '@Botty\u2005x' }), env()).mentionsSelf).toBe(false);
  });
});

describe('parseMessage: immutability', () => {
  it('deeply freezes the message and does not freeze the caller’s wire entry', () => {
    const wire = groupMessage('@Botty\u2005hi');
    const m = parseMessage(wire, env());
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.chat)).toBe(true);
    expect(Object.isFrozen(m.sender)).toBe(true);
    expect(Object.isFrozen(m.mentions)).toBe(true);
    expect(Object.isFrozen(m.raw)).toBe(true);
    expect(Object.isFrozen(m.raw.RecommendInfo)).toBe(true);
    expect(Object.isFrozen(wire)).toBe(false);
    expect(() => {
      (m as { text: string }).text = 'changed';
    }).toThrow(TypeError);
  });
});

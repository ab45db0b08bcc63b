import { parseMessage, type Message } from '@wxbot/core/internals';
import { demoScenario } from '@wxbot/simulator';
import { Directory } from '../src/directory';
import type { Incoming } from '../src/types';
import { toWire } from '../src/wire-entries';

// The entries must read as the server's would: each goes through core's real parser here.
describe('wire entries of the in-process test bot', () => {
  const dir = new Directory(demoScenario());
  const parse = (input: Incoming): Message => parseMessage(toWire(input, dir, 'Alice'), { selfId: dir.self.id, contacts: dir.store });

  it('mints a fresh MsgId beyond the safe integer range for every entry', () => {
    const a = toWire({ kind: 'text', text: 'x' }, dir, 'Alice');
    const b = toWire({ kind: 'text', text: 'x' }, dir, 'Alice');
    expect(a.MsgId).toMatch(/^\d{19}$/);
    expect(BigInt(b.MsgId) - BigInt(a.MsgId)).toBe(1n);
  });

  it('text from the first friend by default, escaped, with line breaks as <br/>', () => {
    const m = parse({ kind: 'text', text: 'a < b & c\nnext' });
    expect([m.kind, m.text, m.sender.name, m.isGroup, m.isSelf]).toEqual(['text', 'a < b & c\nnext', 'Alice', false, false]);
    expect(m.chat.id).toBe(dir.person('Alice').id);
  });

  it('group text with the sender prefix and @-mentions by group display name, self included', () => {
    const family = dir.group('Family');
    const m = parse({ kind: 'text', text: 'dinner?', from: 'Alice', room: 'Family', mention: ['Bob'] });
    expect([m.isGroup, m.chat.id, m.sender.id]).toEqual([true, family.id, dir.person('Alice').id]);
    expect(m.text).toBe('@Dad\u2005dinner?');
    const toBot = parse({ kind: 'text', text: 'hi', from: 'Carol', room: 'Dev Team', mention: true });
    expect(toBot.mentionsSelf).toBe(true);
    expect(toBot.text).toBe('@Bot\u2005hi');
    expect(() => parse({ kind: 'text', text: 'x', from: 'Dave', room: 'Family' })).toThrow('"Dave" is not a member of "Family"; members: Alice, Bob, Carol');
  });

  it('media kinds parse as their kinds with their sizes', () => {
    expect(parse({ kind: 'image', width: 10, height: 20 })).toMatchObject({ kind: 'image', media: { width: 10, height: 20 } });
    expect(parse({ kind: 'voice', durationMs: 2500 }).kind).toBe('voice');
    expect(parse({ kind: 'video', seconds: 7 }).kind).toBe('video');
    expect(parse({ kind: 'emoticon' }).kind).toBe('emoticon');
  });

  it('link and file cards carry their title, URL, name, size and extension', () => {
    const link = parse({ kind: 'link', title: 'R&D <news>', url: 'https://example.org/?a=1&b=2', description: 'd' });
    expect(link.kind).toBe('link');
    expect(link.app).toMatchObject({ appMsgType: 5, title: 'R&D <news>', url: 'https://example.org/?a=1&b=2', description: 'd' });
    const file = parse({ kind: 'file', fileName: '报告.pdf', size: 1234 });
    expect(file.kind).toBe('file');
    expect(file.app).toMatchObject({ appMsgType: 6, fileExt: 'pdf', fileSize: 1234 });
    expect(file.media?.fileName).toBe('报告.pdf');
  });

  it('a location with its address and coordinates', () => {
    const m = parse({ kind: 'location', address: '深圳市南山区', lat: 22.5, lng: 113.9 });
    expect(m.kind).toBe('location');
    expect(m.location).toMatchObject({ address: '深圳市南山区', latitude: 22.5, longitude: 113.9 });
  });

  it('a friend request from a new stranger with greeting and ticket', () => {
    const m = parse({ kind: 'friend-request', nickName: 'Newbie', greeting: 'hello "there"' });
    expect(m.kind).toBe('friend-request');
    expect(m.friendRequest).toMatchObject({ nickName: 'Newbie', greeting: 'hello "there"', scene: 14 });
    expect(m.friendRequest?.ticket).toMatch(/^v2_testkit\d+@stranger$/);
  });

  it('system lines and the account own messages from the phone', () => {
    const sys = parse({ kind: 'system', text: '你邀请"Bob"加入了群聊', room: 'Family' });
    expect([sys.kind, sys.chat.id]).toEqual(['system', dir.group('Family').id]);
    const own = parse({ kind: 'self-text', text: 'sent from phone', to: 'Bob' });
    expect([own.isSelf, own.chat.id, own.text]).toEqual([true, dir.person('Bob').id, 'sent from phone']);
  });
});

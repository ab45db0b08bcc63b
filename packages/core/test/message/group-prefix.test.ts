import { isGroupUserName, splitGroupPrefix } from '@wxbot/core/internals';

describe('splitGroupPrefix', () => {
  it('splits an @-id prefix', () => {
    expect(splitGroupPrefix('@e0ec8d9a:<br/>hello')).toEqual({ senderId: '@e0ec8d9a', body: 'hello' });
  });
  it('splits a raw-id prefix (wxid_, dashes, underscores)', () => {
    expect(splitGroupPrefix('wxid_ab-c_12:<br/>hi')).toEqual({ senderId: 'wxid_ab-c_12', body: 'hi' });
  });
  it('keeps a body that itself contains ":<br/>" intact', () => {
    expect(splitGroupPrefix('@abc:<br/>note:<br/>line two')).toEqual({ senderId: '@abc', body: 'note:<br/>line two' });
  });
  it('returns content without a prefix unchanged', () => {
    expect(splitGroupPrefix('"Bob" joined the group chat')).toEqual({ body: '"Bob" joined the group chat' });
    expect(splitGroupPrefix('time: 10:00<br/>ok')).toEqual({ body: 'time: 10:00<br/>ok' });
  });
});

describe('isGroupUserName', () => {
  it('recognises session and permanent group ids', () => {
    expect(isGroupUserName('@@abc')).toBe(true);
    expect(isGroupUserName('12345@chatroom')).toBe(true);
    expect(isGroupUserName('@abc')).toBe(false);
    expect(isGroupUserName('filehelper')).toBe(false);
  });
});

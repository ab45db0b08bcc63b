import { langOf, wording } from '../../src/messages/wording';

describe('system message wording', () => {
  it('is English only for en_US; anything else is Chinese', () => {
    expect([langOf('en_US'), langOf('zh_CN'), langOf('zh_TW'), langOf(null), langOf(undefined)]).toEqual(['en_US', 'zh_CN', 'zh_CN', 'zh_CN', 'zh_CN']);
  });

  it('keeps the real lines exactly, trailing spaces and quote styles included', () => {
    expect(wording.youInvited('zh_CN', ['Bob', 'Carol'])).toBe('你邀请"Bob、Carol"加入了群聊  ');
    expect(wording.youInvited('en_US', ['Bob', 'Carol'])).toBe('You invited Bob, Carol to the group chat');
    expect(wording.invited('zh_CN', 'Alice', ['Bob'])).toBe('"Alice"邀请"Bob"加入了群聊');
    expect(wording.qrJoined('zh_CN', 'Bob', 'Alice', true)).toBe('" Bob"通过扫描"Alice"分享的二维码加入群聊');
    expect(wording.qrJoined('en_US', 'Bob', 'Alice')).toBe('"Bob" joined the group chat via the QR Code shared by "Alice".');
    expect(wording.qrJoinedYours('zh_CN', 'Bob')).toBe('"Bob"通过扫描你分享的二维码加入群聊  ');
    expect(wording.youRemoved('zh_CN', ['Bob'])).toBe('你将"Bob"移出了群聊');
    expect(wording.removedYou('en_US', 'Alice')).toBe('You were removed from the group chat by "Alice"');
    expect(wording.renamed('zh_CN', 'Alice', 'Fam')).toBe('"Alice"修改群名为“Fam”');
    expect(wording.youRenamed('en_US', 'Fam')).toBe('You changed the group name to "Fam"');
    expect(wording.friendAdded('zh_CN', 'Bob')).toBe('你已添加了Bob，现在可以开始聊天了。');
    expect(wording.recalled('zh_CN', 'Bob')).toBe('"Bob" 撤回了一条消息');
    expect(wording.youRecalled('en_US')).toBe('You recalled a message');
  });
});

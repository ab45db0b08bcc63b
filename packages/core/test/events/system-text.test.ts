import { parseSystemNotice } from '../../src/events/system-text';

// Texts as docs/protocol.md 7.4 item 11 quotes them, quirks included.
describe('parseSystemNotice', () => {
  it.each([
    ['"A"邀请"B"加入了群聊', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B'], via: 'invite' }],
    ['"A"邀请"B、C"加入了群聊', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B', 'C'], via: 'invite' }],
    ['你邀请"B"加入了群聊  ', { type: 'join', inviter: { self: true }, invitees: ['B'], via: 'invite' }],
    ['"B"通过扫描"A"分享的二维码加入群聊', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B'], via: 'qr' }],
    ['" B"通过扫描"A"分享的二维码加入群聊', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B'], via: 'qr' }],
    ['"B"通过扫描你分享的二维码加入群聊  ', { type: 'join', inviter: { self: true }, invitees: ['B'], via: 'qr' }],
    ['你将"B"移出了群聊', { type: 'leave', remover: { self: true }, removed: ['B'] }],
    ['你被"A"移出群聊', { type: 'self-removed', remover: 'A' }],
    ['"A"修改群名为“新名”', { type: 'topic', changer: { self: false, name: 'A' }, topic: '新名' }],
    ['你已添加了K2，现在可以开始聊天了。', { type: 'friend-added', name: 'K2' }],
    ['K2刚刚把你添加到通讯录，现在可以开始聊天了。', { type: 'friend-added', name: 'K2' }],
    ['A invited B to the group chat', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B'], via: 'invite' }],
    ['You removed "B" from the group chat', { type: 'leave', remover: { self: true }, removed: ['B'] }],
    ['You were removed from the group chat by "A"', { type: 'self-removed', remover: 'A' }],
    ['"A" changed the group name to "X"', { type: 'topic', changer: { self: false, name: 'A' }, topic: 'X' }],
    ['"B" joined the group chat via the QR Code shared by "A".', { type: 'join', inviter: { self: false, name: 'A' }, invitees: ['B'], via: 'qr' }],
  ])('%j', (text, expected) => {
    expect(parseSystemNotice(text)).toEqual(expected);
  });

  it.each(['收到红包，请在手机上查看', '位置共享已经结束', '"A" 拍了拍 "B"', '', '如果陌生人主动添加你为朋友，请谨慎核实对方身份。'])(
    'ignores %j',
    (text) => expect(parseSystemNotice(text)).toBeUndefined(),
  );
});

import type { MessageScope } from '../../src/messages/chat-messages';
import { conversationListMessage, friendRequestMessage, recallMessage, statusNotifyMessage, systemMessage } from '../../src/messages/system-messages';
import { Rng } from '../../src/util/rng';

const unescape = (s: string): string => s.replace(/<br\/>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const scope = (prefix = ''): MessageScope => ({ rng: new Rng(2), msgId: '1111111111111111111', from: '@@room', to: '@self', prefix });

describe('system message entries', () => {
  it('a 10000 line is escaped text with its Status', () => {
    expect(systemMessage(scope(), '你邀请"Bob"加入了群聊', 4)).toMatchObject({ MsgType: 10000, Status: 4, Content: '你邀请&quot;Bob&quot;加入了群聊' });
  });

  it('a recall (10002) names the session, the revoked MsgId and the replace text, Status 4', () => {
    const m = recallMessage(scope('@bob:<br/>'), '@@room', '999', '"Bob" 撤回了一条消息');
    expect([m.MsgType, m.Status]).toEqual([10002, 4]);
    const xml = unescape(m.Content.slice('@bob:<br/>'.length));
    expect(xml).toMatch(/^<sysmsg type="revokemsg"><revokemsg><session>@@room<\/session><oldmsgid>\d{10}<\/oldmsgid><msgid>999<\/msgid><replacemsg><!\[CDATA\["Bob" 撤回了一条消息\]\]><\/replacemsg><\/revokemsg><\/sysmsg>$/);
  });

  it('a friend request (37 from fmessage) carries one ticket in Ticket, RecommendInfo and the XML', () => {
    const m = friendRequestMessage(scope(), {
      tempUserName: '@tmp', wxid: 'wxid_m', nickName: 'M🌙', greeting: 'hi "there" & you', sex: 2, province: 'ZJ', city: 'HZ', alias: 'mm', signature: 's', scene: 14, chatRoom: '@@room',
    });
    expect([m.MsgType, m.FromUserName, m.ToUserName]).toEqual([37, 'fmessage', '@self']);
    expect(m.Ticket).toMatch(/^v2_[0-9a-f]{64}@stranger$/);
    expect(m.RecommendInfo).toMatchObject({ UserName: '@tmp', NickName: 'M<span class="emoji emoji1f319"></span>', Content: 'hi "there" & you', Scene: 14, Ticket: m.Ticket, OpCode: 2 });
    const xml = unescape(m.Content);
    expect(xml).toContain('fromusername="wxid_m"');
    expect(xml).toContain('content="hi &quot;there&quot; &amp; you"');
    expect(xml).toContain(`ticket="${m.Ticket}" opcode="2"`);
    expect(xml).toContain('chatroomusername="@@room"');
  });

  it('status notifies (51): one chat, or the conversation list with permanent ids and up to 3 unread chats', () => {
    expect(statusNotifyMessage(scope(), 2, '@alice')).toMatchObject({ MsgType: 51, ToUserName: '@alice', StatusNotifyCode: 2, StatusNotifyUserName: '@alice' });
    const chats = [1, 2, 3, 4].map((i) => ({ userName: `@u${i}`, wxid: `wxid_${i}` }));
    const list = conversationListMessage(scope(), chats);
    expect([list.MsgType, list.StatusNotifyCode, list.StatusNotifyUserName]).toEqual([51, 4, '@u1,@u2,@u3,@u4']);
    const xml = unescape(list.Content);
    expect(xml).toContain("<op id='4'>\n<username>wxid_1,wxid_2,wxid_3,wxid_4</username>");
    expect(xml.match(/<chat>/g)).toHaveLength(3);
  });
});

import { parseFriendRequest } from '../../src/message/parse-friend-request';
import { recommendInfo, wireMessage } from '../fixtures/wire';

// Content after its one decode: attribute values are still escaped once (&quot;); the XML parser decodes those.
const XML =
  '<msg fromusername="wxid_requester" encryptusername="v1_abc@stranger" fromnickname="Dora" ' +
  'content="I am &quot;Dora&quot;" scene="14" ticket="v2_xml@stranger" opcode="2" chatroomusername="123@chatroom"></msg>';

describe('parseFriendRequest', () => {
  it('prefers RecommendInfo (the session UserName and the ticket to accept with)', () => {
    const wire = wireMessage({ MsgType: 37, RecommendInfo: recommendInfo({ UserName: '@req', NickName: 'Dora &lt;3', Content: 'hi &amp; hello', Ticket: 'v2_ri@stranger', Scene: 30 }) });
    expect(parseFriendRequest(XML, wire)).toEqual({ userName: '@req', nickName: 'Dora <3', greeting: 'hi & hello', ticket: 'v2_ri@stranger', scene: 30, roomId: '123@chatroom' });
  });

  it('falls back to the <msg> attributes, decoding the double escape', () => {
    expect(parseFriendRequest(XML, wireMessage({ MsgType: 37 }))).toEqual({ userName: 'wxid_requester', nickName: 'Dora', greeting: 'I am "Dora"', ticket: 'v2_xml@stranger', scene: 14, roomId: '123@chatroom' });
  });

  it('no scene anywhere is 0; a request not from a group has no roomId; broken XML gives empty fields', () => {
    expect(parseFriendRequest('<msg fromusername="x" scene="abc"></msg>', wireMessage())).toMatchObject({ userName: 'x', scene: 0, roomId: '' });
    expect(parseFriendRequest('<msg fromusername=', wireMessage())).toEqual({ userName: '', nickName: '', greeting: '', ticket: '', scene: 0, roomId: '' });
  });
});

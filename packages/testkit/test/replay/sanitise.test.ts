import { Sanitiser } from '../../src/replay/sanitise';

const person = `@${'a1'.repeat(16)}`;
const other = `@${'b2'.repeat(16)}`;
const group = `@@${'c3'.repeat(32)}`;

describe('Sanitiser', () => {
  it('gives every UserName a placeholder stable within the recording, in every field and text', () => {
    const s = new Sanitiser();
    s.setSelf(other);
    const out = s.value({
      FromUserName: group,
      ToUserName: other,
      Content: `${person}:<br/>hi @${'x'}`,
      MemberList: [{ UserName: person, NickName: 'Alice' }],
      StatusNotifyUserName: 'filehelper,wxid_alice01,902809793@chatroom',
    }) as Record<string, unknown>;
    expect(out).toEqual({
      FromUserName: '@@group1',
      ToUserName: '@self',
      Content: '@contact1:<br/>hi @x',
      MemberList: [{ UserName: '@contact1', NickName: 'Alice' }],
      StatusNotifyUserName: 'filehelper,wxid_contact2,2@chatroom',
    });
    expect(s.id(person)).toBe('@contact1');
    expect(s.id('filehelper')).toBe('filehelper');
  });

  it('drops keys, tickets and avatar URLs, and empties secret attributes and query parameters', () => {
    const s = new Sanitiser();
    const out = s.value({
      SyncKey: { Count: 1 },
      SKey: '@crypt_1',
      BaseResponse: { Ret: 0 },
      HeadImgUrl: '/cgi-bin/mmwebwx-bin/webwxgeticon?username=x&skey=@crypt_1',
      RecommendInfo: { Ticket: 'v2_secret@stranger', NickName: 'Zed' },
      Content: '<img aeskey="k1" cdnthumbaeskey=\'k2\' md5="m" /><msg ticket="v4_t" encryptusername="v3_e@stranger"/> https://x/y?a=1&pass_ticket=p1&skey=s1',
    });
    expect(out).toEqual({
      RecommendInfo: { NickName: 'Zed' },
      Content: '<img aeskey="" cdnthumbaeskey=\'\' md5="m" /><msg ticket="" encryptusername=""/> https://x/y?a=1&pass_ticket=&skey=',
    });
  });
});

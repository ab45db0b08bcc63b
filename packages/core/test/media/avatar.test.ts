import { avatarRef } from '../../src/media/avatar';
import { ContactStore } from '../../src/contacts/contact-store';
import { wireContact, wireMember, wireUser } from '../fixtures/wire';

// Which avatar request each case makes (docs/protocol.md 8.6); the bytes are fetched in e2e/contact-features.
function store(): ContactStore {
  const s = new ContactStore();
  s.setSelf(wireUser('@self', 'Bot'));
  s.upsertMany([
    wireContact({ UserName: '@alice', NickName: 'Alice', ContactFlag: 1, HeadImgUrl: '/cgi-bin/mmwebwx-bin/webwxgeticon?seq=1&username=@alice&skey=' }),
    wireContact({ UserName: '@@team', NickName: 'Team', EncryChatRoomId: '@enc', MemberList: [wireMember('@self', 'Bot'), wireMember('@mal', 'Mallory')] }),
    wireContact({ UserName: '@@new', NickName: 'New', MemberList: [wireMember('@self', 'Bot'), wireMember('@tom', 'Tom')] }),
  ]);
  return s;
}

describe('avatarRef', () => {
  const s = store();
  it('groups by UserName (webwxgetheadimg), contacts by their HeadImgUrl', () => {
    expect(avatarRef(s, '@@team', { big: true })).toEqual({ userName: '@@team', big: true });
    expect(avatarRef(s, '@alice')).toEqual({ headImgUrl: '/cgi-bin/mmwebwx-bin/webwxgeticon?seq=1&username=@alice&skey=' });
  });

  it('a member who is no contact: the member form, with the group given or found; its UserName when no EncryChatRoomId is known', () => {
    expect(avatarRef(s, '@mal', { room: '@@team' })).toEqual({ userName: '@mal', chatRoomId: '@enc' });
    expect(avatarRef(s, '@mal')).toEqual({ userName: '@mal', chatRoomId: '@enc' });
    expect(avatarRef(s, '@tom')).toEqual({ userName: '@tom', chatRoomId: '@@new' });
  });

  it('a requester by the message that carried them; anyone else by UserName', () => {
    expect(avatarRef(s, '@req', { msgId: '123' })).toEqual({ userName: '@req', msgId: '123' });
    expect(avatarRef(s, '@req')).toEqual({ userName: '@req' });
  });

  it('refuses an unknown group or a member of another group with coded errors', () => {
    expect(() => avatarRef(s, '@mal', { room: '@@gone' })).toThrow(expect.objectContaining({ code: 'WXBOT_UNKNOWN_CHAT' }));
    expect(() => avatarRef(s, '@mal', { room: '@@new' })).toThrow(expect.objectContaining({ code: 'WXBOT_INVALID_ARGUMENT' }));
  });
});

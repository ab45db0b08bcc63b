import { classifyContact, ContactFlag, isGroupUserName, isSpecialUserName, VERIFY_FLAG_BRAND } from '../../src/contacts/classify';

const SELF = '@5f1c0a7e9b';
const wire = (UserName: string, ContactFlag = 0, VerifyFlag = 0) => ({ UserName, ContactFlag, VerifyFlag });

describe('isGroupUserName', () => {
  it('is true for @@ session ids and ...@chatroom ids, false for people', () => {
    expect(isGroupUserName('@@8a7f3c')).toBe(true);
    expect(isGroupUserName('25984981726@chatroom')).toBe(true);
    expect(isGroupUserName('@8a7f3c')).toBe(false);
    expect(isGroupUserName('filehelper')).toBe(false);
    expect(isGroupUserName('chatroom')).toBe(false);
    expect(isGroupUserName('')).toBe(false);
  });
});

describe('isSpecialUserName', () => {
  it('knows the official special users, by exact name only', () => {
    for (const id of ['filehelper', 'fmessage', 'weixin', 'newsapp', 'medianote', 'notifymessage']) expect(isSpecialUserName(id)).toBe(true);
    expect(isSpecialUserName('FileHelper')).toBe(false);
    expect(isSpecialUserName('filehelper2')).toBe(false);
    expect(isSpecialUserName('@filehelper')).toBe(false);
  });
});

describe('classifyContact', () => {
  it('the self id is self, whatever its flags', () => {
    expect(classifyContact(wire(SELF, ContactFlag.CONTACT, VERIFY_FLAG_BRAND), SELF)).toBe('self');
  });

  it('groups by id, before any flag', () => {
    expect(classifyContact(wire('@@room', ContactFlag.CONTACT | ContactFlag.CHATROOMCONTACT), SELF)).toBe('group');
    expect(classifyContact(wire('123@chatroom'), SELF)).toBe('group');
  });

  it('special users are special even when flagged as contacts', () => {
    expect(classifyContact(wire('filehelper', ContactFlag.CONTACT), SELF)).toBe('special');
    expect(classifyContact(wire('weixin', ContactFlag.CONTACT, 24), SELF)).toBe('special');
  });

  it('VerifyFlag bit 8 makes an official account, also when it is a contact', () => {
    expect(classifyContact(wire('@news', ContactFlag.CONTACT, 8), SELF)).toBe('official');
    expect(classifyContact(wire('@news', 0, 24), SELF)).toBe('official'); // 24 = 8 | 16
    expect(classifyContact(wire('@notnews', ContactFlag.CONTACT, 16), SELF)).toBe('friend');
  });

  it('ContactFlag bit 1 is a friend; without it a stranger (e.g. a group member)', () => {
    expect(classifyContact(wire('@alice', ContactFlag.CONTACT), SELF)).toBe('friend');
    expect(classifyContact(wire('@alice', ContactFlag.CONTACT | ContactFlag.TOPCONTACT), SELF)).toBe('friend');
    expect(classifyContact(wire('@alice', 3), SELF)).toBe('friend');
    expect(classifyContact(wire('@bob', ContactFlag.CHATCONTACT), SELF)).toBe('stranger');
    expect(classifyContact(wire('@bob', 0), SELF)).toBe('stranger');
  });

  it('an empty self id (before webwxinit) makes nobody self', () => {
    expect(classifyContact(wire('@alice', 1), '')).toBe('friend');
  });
});

import { groupSource, isSessionUserName, pairStatusLists, personSource, tagOf } from '../../src/contacts/identity-match';

describe('pairStatusLists (MsgType 51, docs/protocol.md 7.5)', () => {
  it('zips lists of equal length', () => {
    expect(pairStatusLists(['@a1', 'filehelper', '@@b2'], ['wxid_a', 'filehelper', '1@chatroom'])).toEqual({
      pairs: [['@a1', 'wxid_a'], ['filehelper', 'filehelper'], ['@@b2', '1@chatroom']],
      skipped: 0,
    });
  });

  it('pairs only literal ids when the lengths differ (a shifted zip would confuse contacts)', () => {
    expect(pairStatusLists(['@a1', 'filehelper', '@c3'], ['wxid_a', 'filehelper'])).toEqual({ pairs: [['filehelper', 'filehelper']], skipped: 2 });
    expect(pairStatusLists([], [])).toEqual({ pairs: [], skipped: 0 });
  });
});

describe('fingerprints', () => {
  const base = { id: '@0123456789abcdef0123456789abcdef', remarkName: 'Ali #a1b2c3', nickName: 'Alice', alias: '', sex: 2, province: 'Zhejiang', city: 'Hangzhou', name: 'Ali' };

  it('leave out the session-scoped parts of the avatar URL and the tag, and read the tag', () => {
    const a = personSource({ ...base, avatarPath: '/cgi-bin/mmwebwx-bin/webwxgeticon?seq=7&username=@x&skey=@crypt_1' }, false);
    const b = personSource({ ...base, id: '@ffff', remarkName: 'Ali', avatarPath: '/cgi-bin/mmwebwx-bin/webwxgeticon?seq=7&username=@y&skey=@crypt_2' }, false);
    expect(a.strong).toBe(b.strong);
    expect(a.tag).toBe('a1b2c3');
    expect(tagOf('Ali #A1B2C3')).toBe('');
    expect(personSource({ ...base, avatarPath: '?seq=8' }, false).strong).not.toBe(a.strong);
    expect(personSource({ ...base, avatarPath: '?seq=8' }, false).weak).toBe(a.weak);
  });

  it('has no weak fingerprint for a nameless contact or an unnamed group', () => {
    expect(personSource({ ...base, remarkName: '', nickName: '', avatarPath: '' }, false).weak).toBe('');
    const g = groupSource({ id: '@@1', topic: '', name: 'A, B', members: [{ nickName: 'B' }, { nickName: 'A' }] });
    expect(g.weak).toBe('');
    expect(g.strong).toBe(groupSource({ id: '@@2', topic: '', name: '', members: [{ nickName: 'A' }, { nickName: 'B' }] }).strong);
  });

  it('tells session-scoped UserNames from literal ids', () => {
    expect(isSessionUserName('@0123456789abcdef0123456789abcdef')).toBe(true);
    expect(isSessionUserName(`@@${'a'.repeat(64)}`)).toBe(true);
    expect(isSessionUserName('filehelper')).toBe(false);
    expect(isSessionUserName('@Alice')).toBe(false);
  });
});

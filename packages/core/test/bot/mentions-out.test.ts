import { mentionMsgSource } from '@wxbot/protocol';
import { withMentions } from '../../src/bot/mentions-out';
import { ContactStore } from '../../src/contacts/contact-store';
import { wireContact, wireMember, wireUser } from '../fixtures/wire';

function store(): ContactStore {
  const s = new ContactStore();
  s.setSelf(wireUser('@self', 'Bot'));
  s.upsert(wireContact({ UserName: '@@fam', NickName: 'Family', MemberList: [wireMember('@self', 'Bot'), wireMember('@bob', 'Bob', 'Dad'), wireMember('@carol', 'Carol')] }));
  return s;
}

describe('withMentions', () => {
  it('names members by their group alias, else nickname; the msgsource lists their UserNames', () => {
    expect(withMentions(store(), '@@fam', 'dinner', ['@bob', '@carol'])).toEqual({ to: '@@fam', text: '@Dad\u2005@Carol\u2005dinner', msgSource: mentionMsgSource(['@bob', '@carol'], '@@fam') });
  });

  it('also takes members by alias or nickname, and still puts their UserNames in the msgsource', () => {
    expect(withMentions(store(), '@@fam', 'hi', ['Dad', 'Carol']).msgSource).toBe(mentionMsgSource(['@bob', '@carol'], '@@fam'));
  });

  it('refuses a non-member or a non-group with WXBOT_INVALID_ARGUMENT', () => {
    expect(() => withMentions(store(), '@@fam', 'x', ['@nobody'])).toThrow(expect.objectContaining({ code: 'WXBOT_INVALID_ARGUMENT' }));
    expect(() => withMentions(store(), '@bob', 'x', ['@bob'])).toThrow(expect.objectContaining({ code: 'WXBOT_INVALID_ARGUMENT' }));
  });
});

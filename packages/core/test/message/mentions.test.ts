import { parseMentions, removeMentions, selfMentionNames, textWithoutSelfMention } from '@wxbot/core';
import { standardContacts } from '../fixtures/contacts';
import { FRIEND_ID, GROUP_ID } from '../fixtures/wire';

describe('parseMentions', () => {
  it('finds a mobile mention ended by U+2005', () => {
    expect(parseMentions('@Bot\u2005hello', { selfNames: ['Bot'] })).toEqual({ mentions: ['Bot'], mentionsSelf: true });
  });
  it('finds a PC mention ended by a space', () => {
    expect(parseMentions('@Bot hello', { selfNames: ['Bot'] })).toEqual({ mentions: ['Bot'], mentionsSelf: true });
  });
  it('finds a mention at the end of the text', () => {
    expect(parseMentions('hello @Bot', { selfNames: ['Bot'] }).mentionsSelf).toBe(true);
  });
  it('matches the group display name as well as the nickname', () => {
    expect(parseMentions('@Botty\u2005hi', { selfNames: ['Botty', 'Bot'] })).toEqual({ mentions: ['Botty'], mentionsSelf: true });
  });
  it('does not take a longer name for a mention of self', () => {
    expect(parseMentions('@Botany is fun', { selfNames: ['Bot'] })).toEqual({ mentions: ['Botany'], mentionsSelf: false });
  });
  it('takes known names with spaces whole', () => {
    expect(parseMentions('@Bob Smith\u2005look', { knownNames: ['Bob Smith'] }).mentions).toEqual(['Bob Smith']);
    expect(parseMentions('@Bob Smith\u2005look').mentions).toEqual(['Bob']);
  });
  it('lists several mentions once each, in order', () => {
    expect(parseMentions('@Ann\u2005@Ben\u2005@Ann hi').mentions).toEqual(['Ann', 'Ben']);
  });
  it('ignores e-mail addresses and a bare @', () => {
    expect(parseMentions('mail me at a@b.com or @ noon')).toEqual({ mentions: [], mentionsSelf: false });
  });
  it('ignores empty self names', () => {
    expect(parseMentions('@ hi', { selfNames: [''] }).mentionsSelf).toBe(false);
  });
});

describe('removeMentions', () => {
  it('removes the given mentions and trims', () => {
    expect(removeMentions('@Bot\u2005ping', ['Bot'])).toBe('ping');
    expect(removeMentions('hey @Botty what time', ['Bot', 'Botty'])).toBe('hey what time');
    expect(removeMentions('@Botany stays', ['Bot'])).toBe('@Botany stays');
  });
});

describe('selfMentionNames / textWithoutSelfMention', () => {
  it('uses the group display name in groups and the nickname everywhere', () => {
    const contacts = standardContacts();
    expect(selfMentionNames(contacts, GROUP_ID)).toEqual(['Botty', 'Bot']);
    expect(selfMentionNames(contacts, FRIEND_ID)).toEqual(['Bot']);
    expect(textWithoutSelfMention({ text: '@Botty\u2005weather @Carol', chat: { id: GROUP_ID, kind: 'group', name: 'Team' } }, contacts)).toBe('weather @Carol');
  });
});

import { compileFilter, hearsPredicate, WxbotError } from '@wxbot/core/internals';
import type { FilterQuery } from '@wxbot/core/internals';
import { heardText } from '../../src/pipeline/filters';
import { message } from '../fixtures/bot';
import { FRIEND_ID, groupMessage, OFFICIAL_ID, SELF_ID, wireMessage } from '../fixtures/wire';

const friendText = message(wireMessage({ Content: 'ping' }));
const groupText = message(groupMessage('hello'));
const mentionText = message(groupMessage('@Botty\u2005hi'));
const groupImage = message(groupMessage('@blob', { MsgType: 3 }));
const selfText = message(wireMessage({ FromUserName: SELF_ID, ToUserName: FRIEND_ID }));
const official = message(wireMessage({ FromUserName: OFFICIAL_ID }));

describe('compileFilter', () => {
  it('matches kinds, chat filters and chat:kind pairs', () => {
    expect(compileFilter('text')(friendText)).toBe(true);
    expect(compileFilter('image')(friendText)).toBe(false);
    expect(compileFilter('friend')(friendText)).toBe(true);
    expect(compileFilter('friend')(groupText)).toBe(false);
    expect(compileFilter('group:text')(groupText)).toBe(true);
    expect(compileFilter('group:text')(groupImage)).toBe(false);
    expect(compileFilter('group:image')(groupImage)).toBe(true);
    expect(compileFilter('mentioned')(mentionText)).toBe(true);
    expect(compileFilter('mentioned')(groupText)).toBe(false);
    expect(compileFilter('self')(selfText)).toBe(true);
    expect(compileFilter('official')(official)).toBe(true);
    expect(compileFilter('official')(friendText)).toBe(false);
    expect(compileFilter('friend')(official)).toBe(false);
  });

  it('treats a list as any-of', () => {
    const p = compileFilter(['friend:text', 'mentioned']);
    expect([friendText, groupText, mentionText].map(p)).toEqual([true, false, true]);
  });

  it.each(['txt', 'group:txt', 'groups', 'group:text:x', ':text', ''])('rejects %j at registration, listing allowed values', (query) => {
    let error: unknown;
    try {
      compileFilter(query as FilterQuery);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WxbotError);
    expect((error as WxbotError).code).toBe('WXBOT_UNKNOWN_FILTER');
    expect((error as WxbotError).message).toBe(
      `unknown filter query "${query}": use a message kind (text, image, voice, video, emoticon, file, link, card, location, friend-request, recall, system, status, unknown), ` +
        'a chat filter (friend, group, mentioned, official, self), or "<chat filter>:<kind>" such as "group:text"',
    );
  });

  it('rejects an empty list and non-strings', () => {
    expect(() => compileFilter([])).toThrow(/unknown filter query/);
    expect(() => compileFilter(42 as unknown as FilterQuery)).toThrow(/unknown filter query 42/);
  });
});

describe('hearsPredicate', () => {
  it('matches whole text for strings and tests RegExps on text messages only', () => {
    expect(hearsPredicate('ping')(friendText)).toBe(true);
    expect(hearsPredicate('pin')(friendText)).toBe(false);
    expect(hearsPredicate(/^p/)(friendText)).toBe(true);
    expect(hearsPredicate(/./)(groupImage)).toBe(false);
  });
  it('ignores the stateful g flag', () => {
    const p = hearsPredicate(/ping/g);
    expect([p(friendText), p(friendText)]).toEqual([true, true]);
  });
});

describe('heardText', () => {
  const group = (text: string, mentionsSelf = true) => ({ text, isGroup: true, mentionsSelf });
  it('drops a leading @-mention of the bot (longest name first), in groups only', () => {
    expect(heardText(group('@Bot\u2005ping'), ['Bot'])).toBe('ping');
    expect(heardText(group(' @Bot Two  ping '), ['Bot', 'Bot Two'])).toBe('ping');
    expect(heardText(group('@Bot'), ['Bot'])).toBe('');
    expect(heardText(group('ping @Bot'), ['Bot'])).toBe('ping @Bot');
    expect(heardText(group('@Botty ping'), ['Bot'])).toBe('@Botty ping');
    expect(heardText(group('@Bot ping', false), ['Bot'])).toBe('@Bot ping');
    expect(heardText({ text: '@Bot ping', isGroup: false, mentionsSelf: false }, ['Bot'])).toBe('@Bot ping');
  });
});

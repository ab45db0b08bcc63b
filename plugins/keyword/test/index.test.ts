import keywordDefault, { keyword } from '@wxbot/plugin-keyword';
import { createTestBot, repliesOf, type Incoming } from '@wxbot/testkit';

// The demo address book: friend Alice; group "Dev Team" with Carol ("Carol (QA)" there), where the bot is "Bot".
const text = (t: string) => t;
const groupMessage = (t: string, mention?: true): Incoming => ({ kind: 'text', text: t, from: 'Carol', room: 'Dev Team', ...(mention ? { mention } : {}) });
const pluginHarness = (plugins: Parameters<typeof createTestBot>[0]['plugins']) => createTestBot({ plugins });

describe('plugin-keyword matching', () => {
  it('exports the factory as default and named', () => {
    expect(keywordDefault).toBe(keyword);
  });

  it('exact compares the trimmed text; contains finds substrings; the i flag ignores case', async () => {
    const plugin = keyword({
      rules: [
        { match: 'exact', pattern: 'help', reply: 'exact' },
        { match: 'contains', pattern: 'price', flags: 'i', reply: 'contains' },
      ],
    });
    const sent = await repliesOf(plugin, text(' help '), text('helpme'), text('What is the PRICE?'), text('HELP'));
    expect(sent.map((s) => s.text)).toEqual(['exact', 'contains']);
  });

  it('the first matching rule wins', async () => {
    const plugin = keyword({ rules: [{ match: 'contains', pattern: 'a', reply: 'first' }, { match: 'contains', pattern: 'ab', reply: 'second' }] });
    expect(await repliesOf(plugin, text('ab'))).toEqual([{ to: 'Alice', text: 'first' }]);
  });

  it('fills templates: sender, chat, text, numbered and named groups', async () => {
    const plugin = keyword({
      rules: [{ match: 'regex', pattern: '^weather (?<city>\\w+)( tomorrow)?$', reply: '{sender} in {chat}: {match.city}|{match[2]}|{match}|{text} {{ok}}' }],
    });
    const sent = await repliesOf(plugin, groupMessage('weather Paris'));
    expect(sent).toEqual([{ to: 'Dev Team', text: 'Carol (QA) in Dev Team: Paris||weather Paris|weather Paris {ok}' }]);
  });

  it('matches group text with the bot mention removed, and honours requireMention', async () => {
    const rules = [{ match: 'exact' as const, pattern: 'help', reply: 'sure' }];
    expect((await repliesOf(keyword({ rules }), groupMessage('help', true), groupMessage('help'))).length).toBe(2);
    const strict = await repliesOf(keyword({ rules, requireMention: true }), groupMessage('help'), groupMessage('@Bot help'));
    expect(strict.map((s) => s.text)).toEqual(['sure']);
  });

  it('limits rules to friends or groups', async () => {
    const plugin = keyword({
      rules: [
        { match: 'exact', pattern: 'hi', reply: 'friend hi', chats: 'friends' },
        { match: 'exact', pattern: 'hi', reply: 'group hi', chats: 'groups' },
      ],
    });
    expect((await repliesOf(plugin, text('hi'), groupMessage('hi'))).map((s) => s.text)).toEqual(['friend hi', 'group hi']);
  });

  it('passes unmatched messages on to later plugins', async () => {
    const sent = await repliesOf([keyword({ rules: [{ match: 'exact', pattern: 'a', reply: 'A' }] }), { name: 'after', setup: (api) => api.use(() => 'after') }], 'a', 'b');
    expect(sent.map((s) => s.text)).toEqual(['A', 'after']);
  });

  it('does not leak regex state between messages', async () => {
    const plugin = keyword({ rules: [{ match: 'regex', pattern: 'x', reply: 'X' }] });
    expect(await repliesOf(plugin, text('x'), text('x'))).toHaveLength(2);
  });
});

describe('plugin-keyword options', () => {
  // Options as a JS config could give them: checked at run time only.
  const load = (options: unknown) => pluginHarness([keyword(options as Parameters<typeof keyword>[0])]);

  it('names the rule and the allowed values for a bad match', async () => {
    await expect(load({ rules: [{ match: 'startsWith', pattern: 'x', reply: 'y' }] })).rejects.toThrow(
      'plugin "keyword": option "rules.0.match" expected one of "exact" | "contains" | "regex", got "startsWith"',
    );
  });

  it('reports an invalid regex at the rule’s pattern', async () => {
    await expect(load({ rules: [{ match: 'exact', pattern: 'ok', reply: 'y' }, { match: 'regex', pattern: '(', reply: 'y' }] })).rejects.toThrow(
      'plugin "keyword": option "rules.1.pattern" invalid regular expression: /(/: Unterminated group, got "("',
    );
  });

  it('rejects stateful or unknown flags, unknown placeholders and empty rule lists', async () => {
    await expect(load({ rules: [{ match: 'regex', pattern: 'a', flags: 'g', reply: 'y' }] })).rejects.toThrow(/option "rules.0.flags" expected flags from "imsu".*got "g"/);
    await expect(load({ rules: [{ match: 'exact', pattern: 'a', reply: 'hi {nme}' }] })).rejects.toThrow(/option "rules.0.reply" unknown placeholder \{nme\}/);
    await expect(load({ rules: [] })).rejects.toThrow('plugin "keyword": option "rules" array must contain at least 1 element(s), got an array of 0');
  });
});

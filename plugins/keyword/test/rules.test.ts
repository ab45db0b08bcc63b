import { keyword, DEFAULT_MAX_TEXT_LENGTH } from '@wxbot/plugin-keyword';
import { createTestBot, repliesOf } from '@wxbot/testkit';
import { unsafePatternReason } from '../src/rules';

// Options as a user's config file may give them: checked when the plugin loads, not by tsc.
const load = (options: unknown) => createTestBot({ plugins: [keyword(options as Parameters<typeof keyword>[0])] });

describe('keyword rules: regex safety', () => {
  it.each(['(a+)+$', '^(\\w+\\s?)*$', '(x+x+)+y', '(.*a){12}', '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$'])(
    'refuses the catastrophic pattern %s when the plugin loads, naming the rule',
    async (pattern) => {
      const attempt = load({ rules: [{ match: 'exact', pattern: 'ok', reply: 'y' }, { match: 'regex', pattern, reply: 'y' }] });
      await expect(attempt).rejects.toMatchObject({ code: 'WXBOT_PLUGIN_OPTIONS' });
      await expect(load({ rules: [{ match: 'regex', pattern, reply: 'y' }] })).rejects.toThrow(/option "rules.0.pattern" unsafe regular expression .*backtrack catastrophically/);
    },
  );

  it('accepts ordinary patterns: anchors, classes, named and optional groups, unicode properties', () => {
    for (const pattern of ['^weather (?<city>\\w+)( tomorrow)?$', '^[\\w\\s]*$', '[a-z]+@[a-z]+\\.com', '\\p{L}+', '^(?:yes|no)$']) {
      expect(unsafePatternReason(pattern)).toBeUndefined();
    }
  });

  it('exact and contains rules are literals and never checked', async () => {
    expect(await repliesOf(keyword({ rules: [{ match: 'contains', pattern: '(a+)+$', reply: 'literal' }] }), 'x (a+)+$')).toEqual([{ to: 'Alice', text: 'literal' }]);
  });
});

describe('keyword rules: text length cap', () => {
  it('rules see at most maxTextLength characters (default 4096)', async () => {
    expect(DEFAULT_MAX_TEXT_LENGTH).toBe(4096);
    const plugin = keyword({ rules: [{ match: 'regex', pattern: 'x$', reply: 'end' }] });
    const inside = `${'a'.repeat(DEFAULT_MAX_TEXT_LENGTH - 1)}x`;
    const beyond = `${'a'.repeat(DEFAULT_MAX_TEXT_LENGTH)}x`;
    expect((await repliesOf(plugin, inside, beyond)).map((r) => r.text)).toEqual(['end']);
  });

  it('the cap is an option, and {text} is the text the rules saw', async () => {
    const plugin = keyword({ maxTextLength: 5, rules: [{ match: 'contains', pattern: 'hello', reply: '[{text}]' }] });
    expect(await repliesOf(plugin, 'hello world', 'say hello')).toEqual([{ to: 'Alice', text: '[hello]' }]);
    await expect(load({ maxTextLength: 0, rules: [{ match: 'exact', pattern: 'a', reply: 'b' }] })).rejects.toMatchObject({ code: 'WXBOT_PLUGIN_OPTIONS' });
  });
});

import { z } from 'zod';
import { describeIssue, pluginOptionsError } from '../../src/plugin/options-error';

const schema = z
  .object({
    answer: z.string(),
    mode: z.enum(['exact', 'regex']).optional(),
    kind: z.literal('text').optional(),
    times: z.number().int().min(1).optional(),
    rules: z.array(z.object({ pattern: z.string() }).strict()).optional(),
    secret: z.object({ token: z.string() }).optional(),
  })
  .strict();

function issues(raw: unknown) {
  const r = schema.safeParse(raw);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues;
}

describe('describeIssue', () => {
  it('names the option path, what was expected and what was given', () => {
    const raw = { answer: 42 };
    expect(issues(raw).map((i) => describeIssue(i, raw))).toEqual(['option "answer" expected string, got 42']);
    const enumRaw = { answer: 'x', mode: 'fuzzy' };
    expect(describeIssue(issues(enumRaw)[0]!, enumRaw)).toBe('option "mode" expected one of "exact" | "regex", got "fuzzy"');
    const literal = { answer: 'x', kind: 'image' };
    expect(describeIssue(issues(literal)[0]!, literal)).toBe('option "kind" expected "text", got "image"');
    const deep = { answer: 'x', rules: [{ pattern: 5 }] };
    expect(describeIssue(issues(deep)[0]!, deep)).toBe('option "rules.0.pattern" expected string, got 5');
    const small = { answer: 'x', times: 0 };
    expect(describeIssue(issues(small)[0]!, small)).toMatch(/^option "times" number must be greater than or equal to 1, got 0$/);
  });

  it('never shows an object or array, and cuts long strings', () => {
    const raw = { answer: 'x', secret: 'tok' };
    expect(describeIssue(issues(raw)[0]!, raw)).toBe('option "secret" expected object, got "tok"');
    const objRaw = { answer: { token: 'hunter2' } };
    expect(describeIssue(issues(objRaw)[0]!, objRaw)).toBe('option "answer" expected string, got an object');
    const arrRaw = { answer: ['a', 'b'] };
    expect(describeIssue(issues(arrRaw)[0]!, arrRaw)).toBe('option "answer" expected string, got an array of 2');
    const long = { answer: 'x', times: 'y'.repeat(100) };
    expect(describeIssue(issues(long)[0]!, long)).toContain(`"${'y'.repeat(57)}..."`);
    expect(describeIssue(issues(undefined)[0]!, undefined)).toBe('options expected object, got undefined');
  });

  it('an unknown key gets the closest known one and the list of known keys, with the schema', () => {
    const raw = { answr: 'x' };
    const unknown = issues(raw).find((i) => i.code === 'unrecognized_keys')!;
    expect(describeIssue(unknown, raw, schema)).toBe('options has unknown key(s) "answr" ("answr": did you mean "answer"?); known: "answer", "mode", "kind", "times", "rules", "secret"');
    expect(describeIssue(unknown, raw)).toBe('options has unknown key(s) "answr"');
    const nested = { answer: 'x', rules: [{ patern: 'a', pattern: 'b' }] };
    expect(describeIssue(issues(nested)[0]!, nested, schema)).toBe('option "rules.0" has unknown key(s) "patern" ("patern": did you mean "pattern"?); known: "pattern"');
  });
});

describe('pluginOptionsError', () => {
  it('WXBOT_PLUGIN_OPTIONS naming the plugin and every issue', () => {
    const raw = { answer: 1, mode: 'x' };
    const err = pluginOptionsError('keyword', issues(raw), raw, schema);
    expect(err.code).toBe('WXBOT_PLUGIN_OPTIONS');
    expect(err.message).toBe('plugin "keyword": option "answer" expected string, got 1; option "mode" expected one of "exact" | "regex", got "x"');
    expect(err.details).toEqual({ plugin: 'keyword', issues: ['option "answer" expected string, got 1', 'option "mode" expected one of "exact" | "regex", got "x"'] });
  });
});

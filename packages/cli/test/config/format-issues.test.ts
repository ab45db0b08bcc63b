import path from 'node:path';
import { z } from 'zod';
import { describeValue, displayPath, expectedErrorMap, formatPath, invalidConfig, toProblems } from '../../src/config/format-issues';

describe('config problems in the words of the error message', () => {
  it('formats paths, file names and values', () => {
    expect(formatPath(['plugins', 2, 'use'])).toBe('plugins[2].use');
    expect(formatPath([])).toBe('');
    const cwd = path.resolve('/project');
    expect(displayPath(path.join(cwd, 'conf', 'bot.config.ts'), cwd)).toBe(path.join('conf', 'bot.config.ts'));
    expect(displayPath(path.resolve('/elsewhere/bot.config.ts'), cwd)).toBe(path.resolve('/elsewhere/bot.config.ts'));
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue('phone')).toBe('"phone"');
    expect(describeValue('x'.repeat(80))).toBe(JSON.stringify(`${'x'.repeat(57)}...`));
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue([1, 2])).toBe('an array of 2');
    expect(describeValue({})).toBe('an empty object');
    expect(describeValue({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe('an object with keys a, b, c, d, e, ...');
    expect(describeValue(42)).toBe('42');
    expect(describeValue(null)).toBe('null');
  });

  it('turns zod issues into problems, with the value the user wrote and a guess for an unknown key', () => {
    const schema = z.object({ login: z.object({ mode: z.enum(['web', 'desktop'], { message: '"web" | "desktop"' }) }).strict(), home: z.string() }).strict();
    const input = { login: { mode: 'phone', resum: true }, home: 3 };
    const result = schema.safeParse(input, { errorMap: expectedErrorMap });
    expect(result.success).toBe(false);
    const problems = toProblems('bot.config.json', result.error!, input);
    expect(problems).toEqual(
      expect.arrayContaining([
        { source: 'bot.config.json', path: 'login.mode', expected: '"web" | "desktop"', got: '"phone"' },
        { source: 'bot.config.json', path: 'home', expected: 'a string', got: '3' },
        expect.objectContaining({ source: 'bot.config.json', path: 'login.resum', got: 'unknown option "resum" (did you mean "resume"?)' }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('gathers every problem into one WXBOT_CONFIG_INVALID error, one line each', () => {
    const err = invalidConfig([
      { source: 'bot.config.ts', path: 'login.mode', expected: '"web" | "desktop"', got: '"phone"' },
      { source: 'flag --store', path: '', expected: 'a Redis URL', got: '"http://x"' },
    ]);
    expect(err.code).toBe('WXBOT_CONFIG_INVALID');
    expect(err.message).toBe('bot.config.ts: login.mode: expected "web" | "desktop", got "phone"\nflag --store: expected a Redis URL, got "http://x"');
  });
});

import { WxbotError } from '@wxbot/core';
import { transpileTypeScript } from '../../src/config/ts-require';

// The newcomer's slips in bot.config.ts: each must name the file, line and column, with the
// line itself shown, instead of starting a bot from a silently mangled module.
const config = (plugins: string): string => `import { defineConfig } from 'wxbot';
import hello from './plugins/hello';

export default defineConfig({
  plugins: ${plugins},
});
`;

function failure(source: string): WxbotError {
  try {
    transpileTypeScript(source, '/project/bot.config.ts');
  } catch (error) {
    if (error instanceof WxbotError) return error;
    throw error;
  }
  throw new Error('transpiled without an error');
}

describe('transpileTypeScript', () => {
  it('transpiles valid code to CommonJS', () => {
    expect(transpileTypeScript(config("[hello({ answer: 'pong' })]"), '/project/bot.config.ts')).toMatch(/exports\.default = /);
  });

  it.each([
    ['a missing comma', "[hello({ answer: 'pong' }) hello()]", 5, /',' expected/],
    ['a missing ]', "[hello({ answer: 'pong' })", 6, /Expression or comma expected/],
    ['an unclosed string', "[hello({ answer: 'pong })]", 5, /Unterminated string literal/],
    ['an extra )', "[hello({ answer: 'pong' }))]", 5, /',' expected/],
  ])('reports %s with file, line, column and a code frame', (_, plugins, line, what) => {
    const error = failure(config(plugins));
    expect(error.code).toBe('WXBOT_CONFIG_INVALID');
    expect(error.message).toMatch(new RegExp(`^/project/bot\\.config\\.ts:${line}:\\d+: syntax error: `));
    expect(error.message).toMatch(what);
    expect(error.message).toMatch(new RegExp(`\\n> ${line} \\| `));
    expect(error.message).toMatch(/\n {4}\| +\^\n/);
    expect(error.details).toMatchObject({ path: '/project/bot.config.ts', line });
  });

  it('puts the caret under the column it names', () => {
    const error = failure("const a = { b: 1 c: 2 };\n");
    const [, column] = /:1:(\d+):/.exec(error.message) ?? [];
    expect(column).toBe('18');
    expect(error.message).toContain('> 1 | const a = { b: 1 c: 2 };\n    |                  ^');
  });
});

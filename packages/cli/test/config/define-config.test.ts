import { definePlugin } from '@wxbot/core';
import { z } from 'zod';
import { defineConfig, type BotConfig } from 'wxbot';

// Type tests: checked by `tsc -p tsconfig.tests.json`; the assertions below only keep jest honest.
const echo = definePlugin({
  name: 'echo-like',
  options: z.object({ prefix: z.string().default('') }),
  setup() {},
});

describe('defineConfig', () => {
  it('returns its argument unchanged', () => {
    const config: BotConfig = { log: { level: 'debug' } };
    expect(defineConfig(config)).toBe(config);
  });

  it('accepts every plugin entry form', () => {
    const config = defineConfig({
      plugins: [
        echo,
        echo({ prefix: '> ' }),
        echo.definition,
        'keyword',
        '@wxbot/plugin-auto-reply',
        './plugins/my-plugin',
        ['keyword', { rules: [] }],
        ['keyword'],
        [echo, { prefix: '!' }],
        { use: 'auto-reply', options: { away: true } },
        { use: echo },
      ],
      home: './.wxbot',
      endpoint: 'http://127.0.0.1:8080',
      login: { mode: 'desktop', qrRetries: 3, resume: false, pushLogin: false },
      log: { level: 'silent', pretty: true },
      sim: { scenario: 'default', longPollMs: 1000 },
      handlerTimeoutMs: 10_000,
      stopTimeoutMs: 5_000,
      relogin: false,
    });
    expect(config.plugins).toHaveLength(11);
  });

  // The assertions of this test are the @ts-expect-error lines: `tsc -p tsconfig.tests.json`
  // (part of the test command) fails if any of them stops being a type error. At run time
  // defineConfig is the identity, which is checked too.
  it('rejects typos and wrong values at compile time', () => {
    const typos: unknown[] = [
      // @ts-expect-error unknown option
      defineConfig({ logg: { level: 'debug' } }),
      // @ts-expect-error not a login mode
      defineConfig({ login: { mode: 'phone' } }),
      // @ts-expect-error not a log level
      defineConfig({ log: { level: 'verbose' } }),
      // @ts-expect-error not a plugin entry
      defineConfig({ plugins: [42] }),
      // @ts-expect-error a half plugin definition
      defineConfig({ plugins: [{ name: 'x' }] }),
    ];
    expect(typos).toEqual([{ logg: { level: 'debug' } }, { login: { mode: 'phone' } }, { log: { level: 'verbose' } }, { plugins: [42] }, { plugins: [{ name: 'x' }] }]);
    const config = { home: '/tmp/x' };
    expect(defineConfig(config)).toBe(config);
  });
});

/** The files `wxbot init` writes, relative to the project directory. */
export function projectFiles(
  name: string,
  deps: { dependencies: Record<string, string>; devDependencies: Record<string, string>; overrides?: Record<string, string> | undefined },
): Record<string, string> {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    scripts: { start: 'wxbot start', dev: 'wxbot dev', sim: 'wxbot start --sim', test: 'wxbot test', 'test:sim': 'WXBOT_TESTKIT_MODE=simulator wxbot test', typecheck: 'tsc --noEmit' },
    dependencies: deps.dependencies,
    devDependencies: deps.devDependencies,
    // npm reads `overrides`, pnpm `pnpm.overrides` (only written for `--tarballs`).
    ...(deps.overrides ? { overrides: deps.overrides, pnpm: { overrides: deps.overrides } } : {}),
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'bot.config.ts': `import { defineConfig } from 'wxbot';
import hello from './plugins/hello';

// Run against the built-in simulator: npx wxbot start --sim   (or chat with it: npx wxbot dev)
// Run for real (scan the QR code with WeChat): npx wxbot start
export default defineConfig({
  plugins: [hello({ answer: 'pong' })],
});
`,
    'plugins/hello.ts': `import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

/** Answers "ping" with the configured answer, and greets friends who say hello. */
export const hello = definePlugin({
  name: 'hello',
  options: z.object({ answer: z.string().default('pong') }).strict(),
  setup(api, options) {
    api.hears('ping', () => options.answer);
    api.hears(/^(hi|hello)\\b/i, (ctx) => \`hello, \${ctx.message.sender.name}!\`);
  },
});

export default hello;
`,
    'test/hello.test.ts': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestBot } from '@wxbot/testkit';
import hello from '../plugins/hello';

// In process by default; WXBOT_TESTKIT_MODE=simulator runs the same test over HTTP (npm run test:sim).
test('answers ping, and greets by name', async () => {
  const bot = await createTestBot({ plugins: [hello({ answer: 'pong' })] });
  try {
    assert.deepEqual(await bot.receive('ping', { from: 'Alice' }), [{ to: 'Alice', text: 'pong' }]);
    assert.deepEqual(await bot.receive('hello there', { from: 'Carol' }), [{ to: 'Carol', text: 'hello, Carol!' }]);
    assert.deepEqual(await bot.receive('something else', { from: 'Alice' }), []);
  } finally {
    await bot.close();
  }
});
`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', strict: true, noUncheckedIndexedAccess: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], noEmit: true },
        include: ['bot.config.ts', 'plugins', 'test'],
      },
      null,
      2,
    )}\n`,
    '.gitignore': 'node_modules\n.wxbot\n',
  };
}

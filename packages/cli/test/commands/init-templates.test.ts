import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The module itself, not the @wxbot/testkit barrel (which loads the simulator too).
import { createTestBot } from '../../../testkit/src/create-test-bot';
import { projectFiles } from '../../src/commands/init-templates';
import { loadConfig, resolvePlugins } from '../../src/config';

const deps = { dependencies: { wxbot: '^1.0.0', '@wxbot/core': '^1.0.0', zod: '^3.23.0' }, devDependencies: { '@wxbot/testkit': '^1.0.0', typescript: '^5.6.0' } };

// The whole project, npm install and its own test included, runs in test/init.process.test.ts;
// here the files themselves, loaded as the CLI loads them.
describe('the files wxbot init writes', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'wxbot-init-templates-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a package.json with the scripts and dependencies, overrides only when given', () => {
    const pkg = JSON.parse(projectFiles('my-bot', deps)['package.json'] ?? '') as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'my-bot', private: true, dependencies: deps.dependencies, devDependencies: deps.devDependencies });
    expect(pkg['scripts']).toMatchObject({ start: 'wxbot start', dev: 'wxbot dev', sim: 'wxbot start --sim', test: 'wxbot test' });
    expect(pkg).not.toHaveProperty('overrides');
    const overrides = { '@wxbot/core': 'file:/tmp/core.tgz' };
    expect(JSON.parse(projectFiles('my-bot', { ...deps, overrides })['package.json'] ?? '')).toMatchObject({ overrides, pnpm: { overrides } });
    expect(Object.keys(projectFiles('my-bot', deps)).sort()).toEqual(['.gitignore', 'bot.config.ts', 'package.json', 'plugins/hello.ts', 'test/hello.test.ts', 'tsconfig.json']);
  });

  it('a bot.config.ts whose hello plugin loads and answers ping and hello', async () => {
    for (const [file, text] of Object.entries(projectFiles('my-bot', deps))) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const config = await loadConfig({ cwd: dir, env: {}, isTTY: false });
    expect(config.configFile).toBe(join(dir, 'bot.config.ts'));
    const plugins = await resolvePlugins(config.plugins, config);
    expect(plugins.map((p) => [p.definition.name, p.rawOptions])).toEqual([['hello', { answer: 'pong' }]]);
    const bot = await createTestBot({ plugins, mode: 'in-process' });
    try {
      expect(await bot.receive('ping', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'pong' }]);
      expect(await bot.receive('hello there', { from: 'Carol' })).toEqual([{ to: 'Carol', text: 'hello, Carol!' }]);
      expect(await bot.receive('something else', { from: 'Alice' })).toEqual([]);
    } finally {
      await bot.close();
    }
  });
});

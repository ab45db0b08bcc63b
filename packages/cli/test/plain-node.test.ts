import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pluginModule, pluginModuleTs, removeTempProjects, tempProject } from './helpers/temp-project';

// Jest loads TypeScript itself, so the require hook and cosmiconfig wiring that a real
// `wxbot start` depends on are only exercised in a plain Node process, against the built dist/.
// The root `test` script builds first; a missing or stale build skips these tests loudly.
const PACKAGE = join(__dirname, '..');
const DIST = join(PACKAGE, 'dist/config/index.js');

// Fresh = built after the last edit of src/config. tsc's incremental build may leave an output
// file untouched when its content did not change, so compare with the build info, not per file.
function buildIsFresh(): boolean {
  const buildInfo = join(PACKAGE, 'dist/.tsbuildinfo');
  if (!existsSync(DIST) || !existsSync(buildInfo) || !existsSync(join(PACKAGE, '../core/dist/index.js'))) return false;
  const builtAt = statSync(buildInfo).mtimeMs;
  const srcDir = join(PACKAGE, 'src/config');
  return readdirSync(srcDir).every((file) => statSync(join(srcDir, file)).mtimeMs <= builtAt);
}

const fresh = buildIsFresh();
// On a dev machine a stale build skips (with a warning); in CI the test command builds first, so
// a stale build there is a real failure, never a silent skip.
if (!fresh && process.env['CI']) throw new Error('plain-node.test.ts: packages/cli/dist is missing or older than src/config in CI; the test command must run `tsc -b` before jest');
if (!fresh) console.warn('plain-node.test.ts skipped: run `npx tsc -b packages/cli` first (dist/ missing or older than src/)');

afterAll(removeTempProjects);

/** Runs loadConfig + resolvePlugins in a child Node process and returns what it printed. */
function runInNode(cwd: string): { configFile?: string; level?: string; plugins?: unknown[]; error?: { code: string; message: string } } {
  const script = `
    const { loadConfig, resolvePlugins } = require(${JSON.stringify(DIST)});
    loadConfig({ cwd: process.cwd(), env: {} })
      .then(async (config) => {
        const plugins = await resolvePlugins(config.plugins, config);
        return { configFile: config.configFile, level: config.log.level, plugins: plugins.map((p) => [p.definition.name, p.rawOptions ?? null]) };
      })
      .catch((error) => ({ error: { code: error.code, message: error.message } }))
      .then((result) => process.stdout.write(JSON.stringify(result)));
  `;
  // pnpm's jest shim sets NODE_PATH to the store's hoisted node_modules, which Node searches even
  // with require.resolve's `paths`; a user's shell has no such thing.
  const env = { ...process.env, NODE_PATH: '' };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd, env, encoding: 'utf8' })) as ReturnType<typeof runInNode>;
}

async function project(files: Record<string, string | object>): Promise<string> {
  const cwd = await tempProject(files);
  mkdirSync(join(cwd, 'node_modules'), { recursive: true });
  symlinkSync(PACKAGE, join(cwd, 'node_modules/wxbot'), 'dir'); // `import { defineConfig } from 'wxbot'`
  return cwd;
}

(fresh ? describe : describe.skip)('in a plain Node process (built dist)', () => {
  it('loads bot.config.ts importing wxbot, a package plugin and a relative .ts plugin', async () => {
    const cwd = await project({
      'node_modules/@wxbot/plugin-fake/package.json': { name: '@wxbot/plugin-fake', main: 'index.js' },
      'node_modules/@wxbot/plugin-fake/index.js': pluginModule('fake'),
      'plugins/local.ts': pluginModuleTs('local'),
      'my-plugin.ts': pluginModuleTs('mine'),
      'bot.config.ts': [
        "import { defineConfig } from 'wxbot';",
        "import fake from '@wxbot/plugin-fake';",
        "import mine from './my-plugin';",
        'export default defineConfig({',
        "  plugins: [fake({ a: 1 }), mine, 'fake', './plugins/local', ['plugins/local', { b: 2 }]],",
        "  log: { level: 'debug' },",
        '});',
      ].join('\n'),
    });
    expect(runInNode(cwd)).toEqual({
      configFile: join(cwd, 'bot.config.ts'),
      level: 'debug',
      plugins: [['fake', { a: 1 }], ['mine', null], ['fake', null], ['local', null], ['local', { b: 2 }]],
    });
  });

  it('loads bot.config.mjs through import()', async () => {
    const cwd = await project({ 'bot.config.mjs': "export default { log: { level: 'warn' } };" });
    expect(runInNode(cwd)).toMatchObject({ configFile: join(cwd, 'bot.config.mjs'), level: 'warn' });
  });

  it('loads an ESM bot.config.js in a "type": "module" project', async () => {
    const cwd = await project({
      'package.json': { name: 'esm-app', type: 'module' },
      'bot.config.js': "export default { log: { level: 'error' } };",
    });
    expect(runInNode(cwd)).toMatchObject({ configFile: join(cwd, 'bot.config.js'), level: 'error' });
  });

  it('reports an unknown plugin with WXBOT_UNKNOWN_PLUGIN', async () => {
    // Not a built-in name: those resolve from the CLI's own installation (next test).
    const cwd = await project({ 'bot.config.json': { plugins: ['weather1'] } });
    expect(runInNode(cwd).error).toMatchObject({
      code: 'WXBOT_UNKNOWN_PLUGIN',
      message: expect.stringContaining('unknown plugin "weather1". Looked for packages @wxbot/plugin-weather1, wxbot-plugin-weather1, weather1'),
    });
  });

  it('finds the built-in plugins (echo, keyword...) in a project that has not installed them', async () => {
    const cwd = await project({ 'bot.config.json': { plugins: ['echo', ['keyword', { rules: [] }], '@wxbot/plugin-room-welcome'] } });
    expect(runInNode(cwd)).toMatchObject({ plugins: [['echo', null], ['keyword', { rules: [] }], ['room-welcome', null]] });
  });
});

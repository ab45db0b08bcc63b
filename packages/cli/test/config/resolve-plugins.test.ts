import { join } from 'node:path';
import { definePlugin } from '@wxbot/core';
import { loadConfig, resolvePlugins, type PluginEntry } from '../../src/config';
import { pluginModule, pluginModuleTs, removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

// Fixture names carry a digit on purpose: jest.config.js maps every `@wxbot/plugin-[a-z-]+` to
// plugins/<name>/src, which would shadow the node_modules lookup these tests exercise.

const pkg = (name: string, main = 'index.js') => ({
  [`node_modules/${name}/package.json`]: { name, main },
  [`node_modules/${name}/${main}`]: pluginModule(name),
});

const names = (instances: Array<{ definition: { name: string } }>) => instances.map((instance) => instance.definition.name);

describe('resolvePlugins', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await tempProject({
      ...pkg('@wxbot/plugin-alpha1'),
      ...pkg('wxbot-plugin-beta1'),
      ...pkg('gamma1'),
      ...pkg('@acme/wxbot-delta1', 'lib/main.js'),
      // Same short name both ways: the official scope wins.
      ...pkg('@wxbot/plugin-both1'),
      ...pkg('wxbot-plugin-both1'),
      'plugins/local.ts': pluginModuleTs('local'),
      'plugins/named.js': "const definition = { name: 'named', setup() {} }; exports.plugin = definition;",
      'plugins/plain-definition.js': "module.exports = { name: 'plain', setup() {} };",
      'plugins/not-a-plugin.js': 'module.exports = { hello: 1 };',
      'plugins/throws.js': "throw new Error('plugin file exploded');",
    });
  });
  const resolveAll = (entries: PluginEntry[], configDir = cwd) => resolvePlugins(entries, { configDir, cwd, configFile: join(configDir, 'bot.config.ts') });

  it('resolves short names to @wxbot/plugin-<name>, wxbot-plugin-<name>, then the package itself', async () => {
    expect(names(await resolveAll(['alpha1', 'beta1', 'gamma1', 'both1']))).toEqual([
      '@wxbot/plugin-alpha1',
      'wxbot-plugin-beta1',
      'gamma1',
      '@wxbot/plugin-both1',
    ]);
  });

  it('resolves full package names, including scoped ones with their own main', async () => {
    expect(names(await resolveAll(['@wxbot/plugin-alpha1', '@acme/wxbot-delta1']))).toEqual(['@wxbot/plugin-alpha1', '@acme/wxbot-delta1']);
  });

  it('resolves paths relative to the config file directory, TypeScript included', async () => {
    const sub = join(cwd, 'plugins');
    expect(names(await resolveAll(['./local'], sub))).toEqual(['local']);
    expect(names(await resolveAll(['./plugins/local', 'plugins/local', join(cwd, 'plugins/local.ts')]))).toEqual(['local', 'local', 'local']);
  });

  it('resolves packages from the config directory first, then cwd', async () => {
    const elsewhere = await tempProject({ ...pkg('@wxbot/plugin-alpha1') });
    const [fromConfigDir] = await resolvePlugins(['alpha1'], { configDir: elsewhere, cwd });
    const [fromCwd] = await resolvePlugins(['beta1'], { configDir: elsewhere, cwd });
    expect(fromConfigDir?.definition.name).toBe('@wxbot/plugin-alpha1');
    expect(fromCwd?.definition.name).toBe('wxbot-plugin-beta1');
  });

  it('accepts the default export, a `plugin` named export, or a bare definition module', async () => {
    expect(names(await resolveAll(['./plugins/named', './plugins/plain-definition']))).toEqual(['named', 'plain']);
  });

  it('passes options from [name, options] and { use, options }; no options means undefined', async () => {
    const instances = await resolveAll(['alpha1', ['alpha1', { a: 1 }], { use: 'alpha1', options: { b: 2 } }, { use: 'alpha1' }, ['alpha1']]);
    expect(instances.map((instance) => instance.rawOptions)).toEqual([undefined, { a: 1 }, { b: 2 }, undefined, undefined]);
  });

  it('takes plugin values from core definePlugin as they are: factory, called factory, definition', async () => {
    const echo = definePlugin({ name: 'inline', setup() {} });
    // @ts-expect-error -- a plugin without a schema takes no options in TypeScript; a JS config may still pass some
    const instances = await resolveAll([echo, echo({ x: 1 }), echo.definition, [echo, { y: 2 }], { use: echo.definition, options: { z: 3 } }]);
    expect(names(instances)).toEqual(Array(5).fill('inline'));
    expect(instances.map((instance) => instance.rawOptions)).toEqual([undefined, { x: 1 }, undefined, { y: 2 }, { z: 3 }]);
  });

  it('unwraps a module namespace ({ default: plugin }) as given by ESM/CommonJS interop', async () => {
    const echo = definePlugin({ name: 'wrapped', setup() {} });
    const [instance] = await resolveAll([{ default: echo } as unknown as PluginEntry]);
    expect(instance?.definition.name).toBe('wrapped');
  });

  it('throws WXBOT_UNKNOWN_PLUGIN naming the plugin, every place looked in and the fix', async () => {
    const error = await resolveAll(['alpha1', 'nope1']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WxbotError', code: 'WXBOT_UNKNOWN_PLUGIN', details: { plugin: 'nope1' } });
    expect((error as Error).message).toBe(
      [
        `bot.config.ts: plugins[1]: unknown plugin "nope1". Looked for packages @wxbot/plugin-nope1, wxbot-plugin-nope1, nope1 (from ${cwd}) and file ${cwd}/nope1 (with .ts, .js, .cjs, .json or /index).`,
        `Fix: install it (npm install @wxbot/plugin-nope1) or correct the name; a local plugin is a path starting with "./", relative to ${cwd}.`,
      ].join('\n'),
    );
  });

  it('reports an unknown relative path with a path-only fix', async () => {
    await expect(resolveAll(['./plugins/missing'])).rejects.toMatchObject({
      code: 'WXBOT_UNKNOWN_PLUGIN',
      message: `bot.config.ts: plugins[0]: unknown plugin "./plugins/missing". Looked for file ${cwd}/plugins/missing (with .ts, .js, .cjs, .json or /index).\nFix: correct the path; it is relative to ${cwd}.`,
    });
  });

  it('lists both directories when the config directory is not cwd', async () => {
    const elsewhere = await tempProject({});
    await expect(resolvePlugins(['nope1'], { configDir: elsewhere, cwd })).rejects.toMatchObject({
      message: expect.stringContaining(`(from ${elsewhere} and ${cwd})`),
    });
  });

  it('rejects a module that does not export a plugin', async () => {
    await expect(resolveAll(['./plugins/not-a-plugin'])).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: `bot.config.ts: plugins[0]: expected ${cwd}/plugins/not-a-plugin.js to export a plugin (from definePlugin) as default or as "plugin", got an object with keys hello`,
    });
  });

  it('reports a plugin module that throws while loading, keeping the cause', async () => {
    const error = await resolveAll(['./plugins/throws']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: `bot.config.ts: plugins[0]: could not load plugin "./plugins/throws" from ${cwd}/plugins/throws.js: plugin file exploded`,
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('rejects options given twice (to the factory and in the tuple)', async () => {
    const echo = definePlugin({ name: 'twice', setup() {} });
    // @ts-expect-error -- a plugin without a schema takes no options in TypeScript; a JS config may still pass some
    await expect(resolveAll([[echo({ a: 1 }), { b: 2 }]])).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: 'bot.config.ts: plugins[0]: expected options once, got options for an already configured plugin "twice" (pass the plugin itself, not plugin(...), with [plugin, options])',
    });
  });

  it('works end to end from a bot.config.ts naming plugins', async () => {
    const project = await tempProject({
      ...pkg('@wxbot/plugin-alpha1'),
      'plugins/local.ts': pluginModuleTs('local'),
      'bot.config.ts': "export default { plugins: ['alpha1', ['./plugins/local', { verbose: true }]] };",
    });
    const config = await loadConfig({ cwd: project, env: {} });
    const instances = await resolvePlugins(config.plugins, config);
    expect(instances.map((instance) => [instance.definition.name, instance.rawOptions])).toEqual([
      ['@wxbot/plugin-alpha1', undefined],
      ['local', { verbose: true }],
    ]);
  });
});

import { join, resolve } from 'node:path';
import { BUILT_IN_PLUGINS, locatePlugin, pluginCandidates } from '../../src/config/locate-plugin';
import { pluginModule, pluginModuleTs, removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

describe('locatePlugin', () => {
  it('looks for a short name under the two prefixes, then as a package, then as a file; a path only as a file', () => {
    const dir = resolve('/project');
    expect(pluginCandidates('echo', dir)).toEqual({ packages: ['@wxbot/plugin-echo', 'wxbot-plugin-echo', 'echo'], file: join(dir, 'echo') });
    expect(pluginCandidates('@acme/greeter', dir)).toEqual({ packages: ['@acme/greeter'], file: join(dir, '@acme/greeter') });
    expect(pluginCandidates('./plugins/mine', dir)).toEqual({ packages: [], file: join(dir, 'plugins/mine') });
    expect(pluginCandidates(resolve('/elsewhere/p.ts'), dir)).toEqual({ packages: [], file: resolve('/elsewhere/p.ts') });
  });

  // Short names (`echo`, `greeter`) go through @wxbot/plugin-<name> first, which jest's
  // moduleNameMapper answers for itself; test/builtin-plugins.process.test.ts resolves those in a
  // real process. Here: paths, and a scoped package the mapper leaves alone.
  it('finds a local TypeScript file, a package in the config directory or in cwd, config directory first', async () => {
    const cwd = await tempProject({
      'plugins/mine.ts': pluginModuleTs('mine'),
      'node_modules/@acme/greeter/package.json': { name: '@acme/greeter', main: 'index.js' },
      'node_modules/@acme/greeter/index.js': pluginModule('greeter'),
      'conf/node_modules/@acme/greeter/package.json': { name: '@acme/greeter', main: 'main.js' },
      'conf/node_modules/@acme/greeter/main.js': pluginModule('greeter'),
    });
    const options = { configDir: cwd, cwd, label: 'bot.config.json: plugins[0]' };
    expect(locatePlugin('./plugins/mine', options)).toBe(join(cwd, 'plugins/mine.ts'));
    expect(locatePlugin(join(cwd, 'plugins/mine.ts'), options)).toBe(join(cwd, 'plugins/mine.ts'));
    expect(locatePlugin('@acme/greeter', options)).toBe(join(cwd, 'node_modules/@acme/greeter/index.js'));
    expect(locatePlugin('@acme/greeter', { ...options, configDir: join(cwd, 'conf') })).toBe(join(cwd, 'conf/node_modules/@acme/greeter/main.js'));
    expect(BUILT_IN_PLUGINS).toEqual(['echo', 'keyword', 'auto-reply', 'friend-accept', 'room-welcome']);
  });

  it('refuses an unknown plugin with WXBOT_UNKNOWN_PLUGIN, naming every place looked in and the fix', async () => {
    const cwd = await tempProject({ 'bot.config.json': {} });
    const options = { configDir: cwd, cwd, label: 'bot.config.json: plugins[1]' };
    const error = (() => {
      try {
        locatePlugin('@acme/nope', options);
      } catch (caught) {
        return caught as { code?: string; message: string; details?: unknown };
      }
      throw new Error('locatePlugin found a plugin that does not exist');
    })();
    expect(error.code).toBe('WXBOT_UNKNOWN_PLUGIN');
    expect(error.message).toContain(`bot.config.json: plugins[1]: unknown plugin "@acme/nope". Looked for packages @acme/nope (from ${cwd}) and file ${join(cwd, '@acme/nope')}`);
    expect(error.message).toContain('Fix: install it (npm install @acme/nope) or correct the name');
    expect(error.details).toEqual({ plugin: '@acme/nope', looked: ['@acme/nope', join(cwd, '@acme/nope')] });
    expect(() => locatePlugin('./missing', options)).toThrow(`Fix: correct the path; it is relative to ${cwd}.`);
  });
});

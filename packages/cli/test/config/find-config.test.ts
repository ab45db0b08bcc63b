import { join } from 'node:path';
import { loadConfig, resolvePlugins } from '../../src/config';
import { pluginModule, pluginModuleTs, removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

const load = (cwd: string, configPath?: string) => loadConfig({ cwd, configPath, env: {}, isTTY: false });

describe('config search', () => {
  it('loads bot.config.ts with defineConfig and a relative TypeScript plugin import', async () => {
    const cwd = await tempProject({
      'my-plugin.ts': pluginModuleTs('mine'),
      'bot.config.ts': [
        "import { defineConfig } from 'wxbot';",
        "import mine from './my-plugin';",
        "const mode: 'desktop' = 'desktop';",
        'export default defineConfig({ plugins: [mine({ loud: true })], login: { mode } });',
      ].join('\n'),
    });
    const config = await load(cwd);
    expect(config.configFile).toBe(join(cwd, 'bot.config.ts'));
    expect(config.login.mode).toBe('desktop');
    const [plugin] = await resolvePlugins(config.plugins, config);
    expect(plugin?.definition.name).toBe('mine');
    expect(plugin?.rawOptions).toEqual({ loud: true });
  });

  it.each([
    ['bot.config.js', "module.exports = { log: { level: 'warn' } };"],
    ['bot.config.cjs', "module.exports = { log: { level: 'warn' } };"],
    ['bot.config.json', { log: { level: 'warn' } }],
    ['.wxbotrc', 'log:\n  level: warn\n'],
    ['.wxbotrc.json', { log: { level: 'warn' } }],
    ['.wxbotrc.yaml', 'log:\n  level: warn\n'],
    ['.wxbotrc.js', "module.exports = { log: { level: 'warn' } };"],
    ['.wxbotrc.ts', "export default { log: { level: 'warn' as const } };"],
  ])('finds %s', async (name, content) => {
    const cwd = await tempProject({ [name]: content });
    const config = await load(cwd);
    expect(config.configFile).toBe(join(cwd, name));
    expect(config.log.level).toBe('warn');
  });

  it('finds the wxbot key of package.json', async () => {
    const cwd = await tempProject({ 'package.json': { name: 'app', wxbot: { log: { level: 'error' } } } });
    const config = await load(cwd);
    expect(config.configFile).toBe(join(cwd, 'package.json'));
    expect(config.log.level).toBe('error');
  });

  it('prefers bot.config.ts over the other places', async () => {
    const cwd = await tempProject({
      'bot.config.ts': "export default { log: { level: 'debug' as const } };",
      'bot.config.json': { log: { level: 'warn' } },
      'package.json': { name: 'app', wxbot: { log: { level: 'error' } } },
    });
    expect((await load(cwd)).configFile).toBe(join(cwd, 'bot.config.ts'));
  });

  it('searches parent directories up to the project root, relative paths stay relative to the file', async () => {
    const root = await tempProject({
      'bot.config.json': { plugins: ['./plugins/local'], home: 'state' },
      'plugins/local.js': pluginModule('local'),
      'src/deep/.keep': '',
    });
    const cwd = join(root, 'src/deep');
    const config = await load(cwd);
    expect(config.configFile).toBe(join(root, 'bot.config.json'));
    expect(config.configDir).toBe(root);
    expect(config.home).toBe(join(root, 'state'));
    const [plugin] = await resolvePlugins(config.plugins, config);
    expect(plugin?.definition.name).toBe('local');
  });

  it('treats an empty config file as no options', async () => {
    const cwd = await tempProject({ 'custom.json': '' });
    const config = await load(cwd, 'custom.json');
    expect(config.configFile).toBe(join(cwd, 'custom.json'));
    expect(config.plugins).toEqual([]);
  });

  it('uses an explicit --config file instead of searching', async () => {
    const cwd = await tempProject({
      'bot.config.json': { log: { level: 'warn' } },
      'configs/staging.ts': "export default { log: { level: 'trace' as const } };",
    });
    const config = await load(cwd, 'configs/staging.ts');
    expect(config.configFile).toBe(join(cwd, 'configs/staging.ts'));
    expect(config.configDir).toBe(join(cwd, 'configs'));
    expect(config.log.level).toBe('trace');
  });

  it('reports a missing explicit --config file with WXBOT_CONFIG_NOT_FOUND naming the path', async () => {
    const cwd = await tempProject({});
    await expect(load(cwd, 'nope.config.ts')).rejects.toMatchObject({
      name: 'WxbotError',
      code: 'WXBOT_CONFIG_NOT_FOUND',
      message: `Config file not found: ${join(cwd, 'nope.config.ts')} (from --config nope.config.ts). Fix the path, or drop --config to search ${cwd} for bot.config.ts.`,
    });
  });

  it('reports a config that fails to load as WXBOT_CONFIG_INVALID naming the file', async () => {
    const cwd = await tempProject({ 'bot.config.js': "throw new Error('boom in config');" });
    await expect(load(cwd)).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: 'bot.config.js: could not load: boom in config' });
  });
});

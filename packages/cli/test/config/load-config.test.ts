import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

// loadConfig puts the parts together (find, validate, layer, defaults); each part has its own
// test beside its module (find-config, schema, layers, store-config, engine-config).
describe('loadConfig', () => {
  it('without a config file gives the documented defaults, resolved against cwd', async () => {
    const cwd = await tempProject({ 'package.json': { name: 'p' } });
    const config = await loadConfig({ cwd, env: {}, isTTY: false });
    expect(config).toEqual({
      configFile: null,
      configDir: cwd,
      cwd,
      plugins: [],
      home: join(cwd, '.wxbot'),
      endpoint: null,
      proxy: null,
      store: null,
      login: { mode: 'web', qrRetries: 5, resume: true, pushLogin: true },
      log: { level: 'info', pretty: false, messages: true },
      sim: { scenario: null, longPollMs: null },
      handlerTimeoutMs: 30000,
      stopTimeoutMs: 10000,
      relogin: true,
      api: null, // the control API is off unless asked for
      webhooks: [],
      media: { maxBytes: null },
      durability: 'process',
      engine: {}, // the Bot's own defaults for outbox, skipOlderThanMs and the sync timers
      mode: 'live',
      sources: { home: 'default', endpoint: 'default', proxy: 'default', 'login.mode': 'default', 'login.resume': 'default', 'log.level': 'default', 'log.pretty': 'default' },
    });
    expect((await loadConfig({ cwd, env: {}, isTTY: true })).log.pretty).toBe(true);
  });

  it("resolves the file's home against the config's directory, a flag's against cwd, and ~ to the user's home", async () => {
    const cwd = await tempProject({ 'conf/bot.config.json': { home: 'state', endpoint: 'http://127.0.0.1:9/' } });
    const fromFile = await loadConfig({ cwd, configPath: 'conf/bot.config.json', env: {} });
    expect(fromFile.configDir).toBe(join(cwd, 'conf'));
    expect(fromFile.home).toBe(join(cwd, 'conf', 'state'));
    expect(fromFile.endpoint).toBe('http://127.0.0.1:9');
    expect((await loadConfig({ cwd, configPath: 'conf/bot.config.json', env: {}, flags: { home: 'flag-home' } })).home).toBe(join(cwd, 'flag-home'));
    expect((await loadConfig({ cwd, configPath: 'conf/bot.config.json', env: { WXBOT_HOME: '~/bots/one' } })).home).toBe(join(homedir(), 'bots/one'));
  });

  it('turns the API on with the file or --api, the flag port first, an environment token over the file', async () => {
    const cwd = await tempProject({ 'bot.config.json': { api: { port: 9100, token: 'file-token-0123456789' } } });
    expect(await loadConfig({ cwd, env: {} })).toMatchObject({ api: { port: 9100, host: '127.0.0.1', token: 'file-token-0123456789' } });
    expect(await loadConfig({ cwd, env: { WXBOT_API_TOKEN: 'env-token-0123456789' }, flags: { api: 0 } })).toMatchObject({ api: { port: 0, token: 'env-token-0123456789' } });
    const bare = await tempProject({ 'bot.config.json': {} });
    expect(await loadConfig({ cwd: bare, env: {}, flags: { api: 'default' } })).toMatchObject({ api: { port: 8720, host: '127.0.0.1', token: undefined } });
    await expect(loadConfig({ cwd, env: { WXBOT_API_TOKEN: 'short' } })).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: 'environment variable WXBOT_API_TOKEN: expected a token of at least 16 characters, got 5 characters',
    });
  });

  it('--dry-run sets the mode over the file', async () => {
    const cwd = await tempProject({ 'bot.config.json': { mode: 'live' } });
    expect((await loadConfig({ cwd, env: {} })).mode).toBe('live');
    expect((await loadConfig({ cwd, env: {}, flags: { dryRun: true } })).mode).toBe('dry-run');
  });

  it('lists the problems of the file, the environment and the flags together in one error', async () => {
    const cwd = await tempProject({ 'bot.config.json': { login: { mode: 'phone' } } });
    const error = (await loadConfig({ cwd, env: { WXBOT_LOG_LEVEL: 'loud' }, flags: { loginMode: 'tablet' } }).catch((e: unknown) => e)) as { code?: string; message: string };
    expect(error.code).toBe('WXBOT_CONFIG_INVALID');
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^bot\.config\.json: login\.mode: expected .*, got "phone"$/);
    expect(lines[1]).toMatch(/^environment variable WXBOT_LOG_LEVEL: .*got "loud"$/);
    expect(lines[2]).toMatch(/^flag --login-mode: .*got "tablet"$/);
  });

  it('a file that cannot be parsed is WXBOT_CONFIG_INVALID naming it', async () => {
    const cwd = await tempProject({ '.wxbotrc.json': '{ "log": ' });
    await expect(loadConfig({ cwd, env: {} })).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: expect.stringMatching(/^\.wxbotrc\.json: could not load: /) });
  });
});

import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ConfigFlags } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

const FILE = {
  home: 'file-home',
  endpoint: 'http://127.0.0.1:1111',
  proxy: 'http://127.0.0.1:3128',
  login: { mode: 'desktop', resume: false, qrRetries: 2, pushLogin: false, extspam: 'file-extspam' },
  log: { level: 'warn', pretty: true },
  sim: { scenario: 'busy-group', longPollMs: 500 },
  handlerTimeoutMs: 1000,
  stopTimeoutMs: 0,
  relogin: false,
  media: { maxBytes: 1_048_576 },
  durability: 'power',
};
const ENV = {
  WXBOT_HOME: 'env-home',
  WXBOT_ENDPOINT: 'http://127.0.0.1:2222',
  WXBOT_LOGIN_MODE: 'web',
  WXBOT_LOG_LEVEL: 'error',
};
const FLAGS: ConfigFlags = {
  home: 'flag-home',
  endpoint: 'http://127.0.0.1:3333/',
  proxy: 'https://user:pw@proxy.example:8443',
  loginMode: 'desktop',
  resume: true,
  logLevel: 'trace',
  pretty: false,
};

describe('config precedence: flags > environment > file > defaults', () => {
  let cwd: string;
  let sub: string;
  beforeAll(async () => {
    cwd = await tempProject({ 'bot.config.json': FILE, 'sub/.keep': '' });
    sub = join(cwd, 'sub');
  });

  it('takes the file over the defaults, file paths relative to the file', async () => {
    const config = await loadConfig({ cwd: sub, env: {}, isTTY: false });
    expect(config).toMatchObject({
      home: join(cwd, 'file-home'),
      endpoint: 'http://127.0.0.1:1111',
      proxy: 'http://127.0.0.1:3128',
      login: { mode: 'desktop', resume: false, qrRetries: 2, pushLogin: false, extspam: 'file-extspam' },
      log: { level: 'warn', pretty: true },
      sim: { scenario: 'busy-group', longPollMs: 500 },
      handlerTimeoutMs: 1000,
      stopTimeoutMs: 0,
      relogin: false,
      media: { maxBytes: 1_048_576 },
      durability: 'power',
    });
    expect(Object.values(config.sources)).toEqual(Array(7).fill('file'));
  });

  it('takes the environment over the file, env paths relative to cwd', async () => {
    const config = await loadConfig({ cwd: sub, env: ENV, isTTY: false });
    expect(config).toMatchObject({
      home: join(sub, 'env-home'),
      endpoint: 'http://127.0.0.1:2222',
      login: { mode: 'web', resume: false },
      log: { level: 'error', pretty: true },
    });
    expect(config.sources).toEqual({
      home: 'env',
      endpoint: 'env',
      // No WXBOT_ variable for it: the HTTP client reads HTTPS_PROXY and friends itself.
      proxy: 'file',
      'login.mode': 'env',
      'login.resume': 'file',
      'log.level': 'env',
      'log.pretty': 'file',
    });
  });

  it('takes flags over the environment', async () => {
    const config = await loadConfig({ cwd: sub, env: ENV, flags: FLAGS, isTTY: true });
    expect(config).toMatchObject({
      home: join(sub, 'flag-home'),
      endpoint: 'http://127.0.0.1:3333',
      proxy: 'https://user:pw@proxy.example:8443',
      login: { mode: 'desktop', resume: true, qrRetries: 2 },
      log: { level: 'trace', pretty: false },
    });
    expect(Object.values(config.sources)).toEqual(Array(7).fill('flag'));
  });

  it('ignores unset flags and empty variables, accepts level and mode in any case', async () => {
    const config = await loadConfig({
      cwd: sub,
      env: { WXBOT_HOME: '', WXBOT_LOG_LEVEL: ' DEBUG ', WXBOT_LOGIN_MODE: 'Web' },
      flags: { home: undefined, logLevel: undefined },
      isTTY: false,
    });
    expect(config.home).toBe(join(cwd, 'file-home'));
    expect(config.log.level).toBe('debug');
    expect(config.login.mode).toBe('web');
  });

  it('defaults log.pretty to whether stdout is a terminal', async () => {
    const empty = await tempProject({});
    expect((await loadConfig({ cwd: empty, env: {}, isTTY: true })).log.pretty).toBe(true);
    expect((await loadConfig({ cwd: empty, env: {}, isTTY: false })).log.pretty).toBe(false);
  });

  it('expands ~ in home and keeps absolute homes as they are', async () => {
    const empty = await tempProject({});
    expect((await loadConfig({ cwd: empty, env: { WXBOT_HOME: '~/.wxbot-test' } })).home).toBe(join(homedir(), '.wxbot-test'));
    expect((await loadConfig({ cwd: empty, env: {}, flags: { home: '/var/lib/wxbot' } })).home).toBe('/var/lib/wxbot');
  });

  it('reads process.env and process.cwd() when not given', async () => {
    const saved = process.env.WXBOT_LOG_LEVEL;
    process.env.WXBOT_LOG_LEVEL = 'fatal';
    try {
      const config = await loadConfig({ configPath: join(cwd, 'bot.config.json') });
      expect(config.log.level).toBe('fatal');
      expect(config.cwd).toBe(process.cwd());
    } finally {
      if (saved === undefined) delete process.env.WXBOT_LOG_LEVEL;
      else process.env.WXBOT_LOG_LEVEL = saved;
    }
  });

  it('turns the control API on with the file or --api, the flag port and WXBOT_API_TOKEN winning', async () => {
    expect((await loadConfig({ cwd, env: {} })).api).toBeNull();
    expect((await loadConfig({ cwd, env: {}, flags: { api: 'default' } })).api).toEqual({ port: 8720, host: '127.0.0.1', token: undefined });
    expect((await loadConfig({ cwd, env: { WXBOT_API_TOKEN: 'env-token-0123456789' }, flags: { api: 0 } })).api).toEqual({ port: 0, host: '127.0.0.1', token: 'env-token-0123456789' });
    const dir = await tempProject({ 'bot.config.json': { api: { port: 9000, host: '0.0.0.0', token: 'file-token-0123456789' }, webhooks: [{ url: 'http://127.0.0.1:1/hook', secret: '0123456789abcdef' }] } });
    const fromFile = await loadConfig({ cwd: dir, env: {} });
    expect(fromFile.api).toEqual({ port: 9000, host: '0.0.0.0', token: 'file-token-0123456789' });
    expect(fromFile.webhooks).toEqual([{ url: 'http://127.0.0.1:1/hook', secret: '0123456789abcdef' }]);
    expect((await loadConfig({ cwd: dir, env: { WXBOT_API_TOKEN: 'env-token-0123456789' }, flags: { api: 1234 } })).api).toEqual({ port: 1234, host: '0.0.0.0', token: 'env-token-0123456789' });
    await expect(loadConfig({ cwd: dir, env: { WXBOT_API_TOKEN: 'short' } })).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: 'environment variable WXBOT_API_TOKEN: expected a token of at least 16 characters, got 5 characters',
    });
  });
});

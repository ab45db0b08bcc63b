import { loadConfig, type ConfigFlags } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

const LEVELS = '"trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent"';
const URL_TEXT = 'a plain http://HOST:PORT address such as "http://127.0.0.1:8080" (https:// endpoints are not supported)';
const HTTP_URL_TEXT = 'an http:// or https:// URL such as "http://127.0.0.1:8080"';
const PROXY_TEXT = 'a proxy URL such as "http://127.0.0.1:3128" (http:// or https://)';
const PLUGIN_TEXT = 'a plugin (from definePlugin), a package name or path, [name, options] or { use: name, options }';
const TOP_KEYS = '"plugins" | "home" | "endpoint" | "proxy" | "store" | "account" | "login" | "log" | "sim" | "handlerTimeoutMs" | "stopTimeoutMs" | "relogin" | "api" | "webhooks" | "media" | "durability" | "outbox" | "skipOlderThanMs" | "watchdogMs" | "longPollTimeoutMs" | "loginPollTimeoutMs" | "backoff" | "identities" | "mode"';

/** Loads `config` as bot.config.ts and returns the error it fails with. */
async function fileError(config: string, env: Record<string, string> = {}, flags: ConfigFlags = {}) {
  const cwd = await tempProject({ 'bot.config.ts': `export default ${config};` });
  return loadConfig({ cwd, env, flags }).then(
    () => {
      throw new Error('expected loadConfig to fail');
    },
    (error: unknown) => error as { code: string; name: string; message: string; details: Record<string, unknown> },
  );
}

describe('config validation errors: <file>: <path>: expected <x>, got <y>', () => {
  it.each([
    ["{ login: { mode: 'phone' } }", 'login.mode: expected "web" | "desktop", got "phone"'],
    ['{ login: { mode: null } }', 'login.mode: expected "web" | "desktop", got null'],
    ['{ login: { qrRetries: 1.5 } }', 'login.qrRetries: expected an integer >= 0, got 1.5'],
    ['{ login: { qrRetries: -1 } }', 'login.qrRetries: expected an integer >= 0, got -1'],
    ["{ login: { resume: 'yes' } }", 'login.resume: expected true or false, got "yes"'],
    ['{ login: { pushLogin: 0 } }', 'login.pushLogin: expected true or false, got 0'],
    ["{ login: 'web' }", 'login: expected an object, got "web"'],
    ["{ log: { level: 'loud' } }", `log.level: expected ${LEVELS}, got "loud"`],
    ['{ log: { level: 3 } }', `log.level: expected ${LEVELS}, got 3`],
    ["{ log: { pretty: 'auto' } }", 'log.pretty: expected true or false, got "auto"'],
    ["{ home: '' }", 'home: expected a non-empty directory path, got ""'],
    ['{ home: 5 }', 'home: expected a directory path, got 5'],
    ["{ endpoint: 'ftp://127.0.0.1' }", `endpoint: expected ${URL_TEXT}, got "ftp://127.0.0.1"`],
    ["{ endpoint: '127.0.0.1:8080' }", `endpoint: expected ${URL_TEXT}, got "127.0.0.1:8080"`],
    ['{ endpoint: 8080 }', `endpoint: expected ${URL_TEXT}, got 8080`],
    ["{ endpoint: 'https://127.0.0.1:8443' }", `endpoint: expected ${URL_TEXT}, got "https://127.0.0.1:8443"`],
    ["{ proxy: 'socks5://127.0.0.1:1080' }", `proxy: expected ${PROXY_TEXT}, got "socks5://127.0.0.1:1080"`],
    ["{ proxy: 'proxy.example:3128' }", `proxy: expected ${PROXY_TEXT}, got "proxy.example:3128"`],
    ["{ login: { extspam: '' } }", 'login.extspam: expected a non-empty extspam value, got ""'],
    ["{ sim: { scenario: '' } }", 'sim.scenario: expected a non-empty scenario name, got ""'],
    ['{ sim: { longPollMs: 0 } }', 'sim.longPollMs: expected an integer >= 1, got 0'],
    ["{ handlerTimeoutMs: '30s' }", 'handlerTimeoutMs: expected an integer >= 1, got "30s"'],
    ['{ stopTimeoutMs: -5 }', 'stopTimeoutMs: expected an integer >= 0, got -5'],
    ["{ relogin: 'always' }", 'relogin: expected true or false, got "always"'],
    ['{ api: { port: 70000 } }', 'api.port: expected a port number from 0 (any free port) to 65535, got 70000'],
    ["{ api: { token: 'short' } }", 'api.token: expected a token of at least 16 characters, got "short"'],
    ["{ api: { hots: '0.0.0.0' } }", 'api.hots: expected a known option ("port" | "host" | "token"), got unknown option "hots" (did you mean "host"?)'],
    ["{ webhooks: [{ url: 'ftp://x', secret: '0123456789abcdef' }] }", `webhooks[0].url: expected ${HTTP_URL_TEXT}, got "ftp://x"`],
    ["{ webhooks: [{ url: 'http://x', secret: '0123456789abcdef', events: ['msg'] }] }", 'webhooks[0].events[0]: expected "message" | "sent" | "state" | "qr" | "login" | "logout" | "error", got "msg"'],
    ['{ media: { maxBytes: 0 } }', 'media.maxBytes: expected an integer >= 1, got 0'],
    ['{ media: { maxBytes: 1.5 } }', 'media.maxBytes: expected an integer >= 1, got 1.5'],
    ["{ durability: 'disk' }", 'durability: expected "process" | "power", got "disk"'],
    ["{ identities: { unresolved: 'drop' } }", 'identities.unresolved: expected "keep" | "fail", got "drop"'],
    ['{ media: { maxbytes: 10 } }', 'media.maxbytes: expected a known option ("maxBytes"), got unknown option "maxbytes" (did you mean "maxBytes"?)'],
    ['{ plugins: {} }', 'plugins: expected an array of plugins, got an empty object'],
    ['{ plugins: [42] }', `plugins[0]: expected ${PLUGIN_TEXT}, got 42`],
    ["{ plugins: ['echo', ''] }", `plugins[1]: expected ${PLUGIN_TEXT}, got ""`],
    ["{ plugins: [['echo', {}, 'extra']] }", `plugins[0]: expected ${PLUGIN_TEXT}, got an array of 3`],
    ['{ plugins: [{ use: 5 }] }', `plugins[0]: expected ${PLUGIN_TEXT}, got an object with keys use`],
    ["{ plugins: [{ name: 'half-a-plugin' }] }", `plugins[0]: expected ${PLUGIN_TEXT}, got an object with keys name`],
    ['{ logg: {} }', `logg: expected a known option (${TOP_KEYS}), got unknown option "logg" (did you mean "log"?)`],
    ['{ zzz: 1 }', `zzz: expected a known option (${TOP_KEYS}), got unknown option "zzz"`],
    [
      "{ login: { mdoe: 'web' } }",
      'login.mdoe: expected a known option ("mode" | "qrRetries" | "resume" | "pushLogin" | "extspam"), got unknown option "mdoe" (did you mean "mode"?)',
    ],
    ['[]', 'expected an object, got an array of 0'],
  ])('%s', async (config, line) => {
    const error = await fileError(config);
    expect(error).toMatchObject({ name: 'WxbotError', code: 'WXBOT_CONFIG_INVALID' });
    expect(error.message).toBe(`bot.config.ts: ${line}`);
  });

  it('lists every problem of the file, the environment and the flags, one per line', async () => {
    const error = await fileError(
      "{ login: { mode: 'phone', qrRetries: 'many' }, log: { level: 'loud' } }",
      { WXBOT_LOGIN_MODE: 'phone', WXBOT_ENDPOINT: 'localhost', WXBOT_HOME: 'fine' },
      { logLevel: 'verbose', pretty: 'no' as unknown as boolean },
    );
    expect(error.message.split('\n')).toEqual([
      'bot.config.ts: login.mode: expected "web" | "desktop", got "phone"',
      'bot.config.ts: login.qrRetries: expected an integer >= 0, got "many"',
      `bot.config.ts: log.level: expected ${LEVELS}, got "loud"`,
      `environment variable WXBOT_ENDPOINT: expected ${URL_TEXT}, got "localhost"`,
      'environment variable WXBOT_LOGIN_MODE: expected "web" | "desktop", got "phone"',
      `flag --log-level: expected ${LEVELS}, got "verbose"`,
      'flag --pretty: expected true or false, got "no"',
    ]);
    expect(error.details.problems).toHaveLength(7);
    expect(error.details.problems).toContainEqual({ source: 'bot.config.ts', path: 'login.mode', expected: '"web" | "desktop"', got: '"phone"' });
  });

  it('refuses an https:// endpoint and a malformed --proxy wherever they come from, naming the variable or flag', async () => {
    const cwd = await tempProject({});
    await expect(loadConfig({ cwd, env: { WXBOT_ENDPOINT: 'https://127.0.0.1:8443' }, flags: { proxy: 'ftp://proxy.example:21' } })).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: [
        `environment variable WXBOT_ENDPOINT: expected ${URL_TEXT}, got "https://127.0.0.1:8443"`,
        `flag --proxy: expected ${PROXY_TEXT}, got "ftp://proxy.example:21"`,
      ].join('\n'),
    });
  });

  it('validates environment variables without a config file, naming the variable', async () => {
    const cwd = await tempProject({});
    await expect(loadConfig({ cwd, env: { WXBOT_LOG_LEVEL: 'chatty' } })).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: `environment variable WXBOT_LOG_LEVEL: expected ${LEVELS}, got "chatty"`,
    });
    await expect(loadConfig({ cwd, env: { WXBOT_LOGIN_MODE: 'phone' } })).rejects.toMatchObject({
      message: 'environment variable WXBOT_LOGIN_MODE: expected "web" | "desktop", got "phone"',
    });
  });

  it('names the file by its path relative to cwd, or absolute when outside cwd', async () => {
    const cwd = await tempProject({ 'config/bot.json': { log: { level: 'x' } } });
    await expect(loadConfig({ cwd, configPath: 'config/bot.json', env: {} })).rejects.toMatchObject({
      message: `config/bot.json: log.level: expected ${LEVELS}, got "x"`,
    });
    const elsewhere = await tempProject({});
    await expect(loadConfig({ cwd: elsewhere, configPath: `${cwd}/config/bot.json`, env: {} })).rejects.toMatchObject({
      message: `${cwd}/config/bot.json: log.level: expected ${LEVELS}, got "x"`,
    });
  });

  it('shortens long values it quotes', async () => {
    const error = await fileError(`{ log: { level: '${'x'.repeat(100)}' } }`);
    expect(error.message).toBe(`bot.config.ts: log.level: expected ${LEVELS}, got "${'x'.repeat(57)}..."`);
  });
});

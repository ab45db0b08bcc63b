import { UsageError, apiFlag, parseStartArgs, withApiValue } from '../../src/commands/args';

describe('wxbot start arguments', () => {
  it('reads every option into the config flags', () => {
    const args = parseStartArgs([
      '--config', 'my.config.ts', '--watch', '--home', 'state', '--endpoint', 'http://127.0.0.1:9', '--proxy', 'http://proxy:3128',
      '--store', 'redis://127.0.0.1:6379/0', '--account', 'sales', '--login-mode', 'desktop', '--no-resume', '--log-level', 'debug',
      '--no-pretty', '--no-limits', '--time-zone', 'Asia/Shanghai', '--quiet-hours', '23:00-07:00', '--skip-older-than', '60000', '--dry-run', '--api', '9000',
    ]);
    expect(args).toEqual({
      configPath: 'my.config.ts',
      sim: false,
      watch: true,
      chat: false,
      flags: {
        home: 'state', endpoint: 'http://127.0.0.1:9', proxy: 'http://proxy:3128', store: 'redis://127.0.0.1:6379/0', account: 'sales',
        loginMode: 'desktop', resume: false, logLevel: 'debug', pretty: false, api: 9000, limits: false, timeZone: 'Asia/Shanghai',
        quietHours: '23:00-07:00', skipOlderThan: '60000', dryRun: true,
      },
    });
  });

  it('leaves unset options undefined, and --chat implies --sim', () => {
    const bare = parseStartArgs([]);
    expect(bare).toMatchObject({ configPath: undefined, sim: false, watch: false, chat: false });
    expect(Object.values(bare.flags).every((v) => v === undefined)).toBe(true);
    expect(parseStartArgs(['--sim'])).toMatchObject({ sim: true, chat: false });
    expect(parseStartArgs(['--chat'])).toMatchObject({ sim: true, chat: true });
  });

  it('takes --api with or without a port', () => {
    expect(withApiValue(['--api'])).toEqual(['--api=default']);
    expect(withApiValue(['--api', '--sim'])).toEqual(['--api=default', '--sim']);
    expect(withApiValue(['--api', '0'])).toEqual(['--api', '0']);
    expect(parseStartArgs(['--api']).flags.api).toBe('default');
    expect(parseStartArgs(['--api', '--sim'])).toMatchObject({ sim: true, flags: { api: 'default' } });
    expect(parseStartArgs(['--api', '0']).flags.api).toBe(0);
    expect(apiFlag(undefined)).toBeUndefined();
    expect(apiFlag('65535')).toBe(65535);
  });

  it('refuses a bad port and an unknown option with a UsageError', () => {
    expect(() => apiFlag('65536')).toThrow(UsageError);
    expect(() => apiFlag('80a')).toThrow(/--api expects a port number from 0 \(any free port\) to 65535, got "80a"/);
    expect(() => parseStartArgs(['--api=http'])).toThrow(UsageError);
    expect(() => parseStartArgs(['--no-such-option'])).toThrow(UsageError);
    expect(() => parseStartArgs(['--home'])).toThrow(UsageError);
  });
});

import { loadConfig } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

// store and account: flag > environment > file, validated where they come from.
describe('config: store and account', () => {
  it('take the flag over the environment over the file; the account defaults to "default"', async () => {
    const cwd = await tempProject({ 'bot.config.json': { store: 'redis://file:6379/0', account: 'from-file' } });
    expect((await loadConfig({ cwd, env: {} })).store).toEqual({ url: 'redis://file:6379/0', account: 'from-file' });
    expect((await loadConfig({ cwd, env: { WXBOT_STORE: 'redis://env:6379/1', WXBOT_ACCOUNT: 'from-env' } })).store).toEqual({ url: 'redis://env:6379/1', account: 'from-env' });
    expect((await loadConfig({ cwd, env: { WXBOT_STORE: 'redis://env:6379/1' }, flags: { store: 'rediss://flag:6380/2', account: 'from-flag' } })).store).toEqual({ url: 'rediss://flag:6380/2', account: 'from-flag' });
    const bare = await tempProject({ 'bot.config.json': {} });
    expect((await loadConfig({ cwd: bare, env: { WXBOT_STORE: 'redis://env:6379/1' } })).store).toEqual({ url: 'redis://env:6379/1', account: 'default' });
    expect((await loadConfig({ cwd: bare, env: {} })).store).toBeNull();
  });

  it('refuses a store that is not a Redis URL, a bad account name, and an account without a store, naming the source', async () => {
    const cwd = await tempProject({ 'bot.config.json': {} });
    await expect(loadConfig({ cwd, env: {}, flags: { store: 'http://127.0.0.1:6379' } })).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: expect.stringContaining('flag --store') });
    await expect(loadConfig({ cwd, env: { WXBOT_STORE: 'redis://x:1/0', WXBOT_ACCOUNT: 'a b' } })).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: expect.stringContaining('environment variable WXBOT_ACCOUNT') });
    await expect(loadConfig({ cwd, env: {}, flags: { account: 'sales-1' } })).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: expect.stringContaining('a Redis store with it') });
  });

  it('accepts Sentinel and Cluster URLs (several hosts), and refuses other schemes', async () => {
    const cwd = await tempProject({ 'bot.config.json': {} });
    for (const url of ['redis+sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/mymaster/0?wait=1', 'rediss+sentinel://s1/m', 'redis-cluster://a:7000,b:7001', 'rediss-cluster://a:7000']) {
      expect((await loadConfig({ cwd, env: {}, flags: { store: url } })).store).toEqual({ url, account: 'default' });
    }
    for (const url of ['sentinel://s1:26379', 'redis+cluster://a:7000', 'redis:// h']) {
      await expect(loadConfig({ cwd, env: {}, flags: { store: url } })).rejects.toMatchObject({ code: 'WXBOT_CONFIG_INVALID', message: expect.stringContaining('redis+sentinel://') });
    }
  });
});

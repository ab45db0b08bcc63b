import { WxbotError } from '@wxbot/core';
import { createTestBot } from '@wxbot/testkit';
import { loadConfig, resolvePlugins } from '../src/config';
import { removeTempProjects, tempProject } from './helpers/temp-project';

afterAll(removeTempProjects);

// The options of issue 14 items 3 and 5 in the config: mode (and --dry-run), log.messages, canary.
describe('config: mode, log.messages, canary', () => {
  it('defaults to a live bot with message lines', async () => {
    const cwd = await tempProject({});
    const config = await loadConfig({ cwd, env: {} });
    expect(config.mode).toBe('live');
    expect(config.log.messages).toBe(true);
  });

  it('reads mode and log.messages from the file; --dry-run wins over the file', async () => {
    const cwd = await tempProject({ 'bot.config.json': { mode: 'dry-run', log: { messages: false } } });
    expect(await loadConfig({ cwd, env: {} })).toMatchObject({ mode: 'dry-run', log: { messages: false } });
    const live = await tempProject({ 'bot.config.json': { mode: 'live' } });
    expect((await loadConfig({ cwd: live, env: {}, flags: { dryRun: true } })).mode).toBe('dry-run');
  });

  it('refuses a bad mode or log.messages with the usual coded message', async () => {
    const cwd = await tempProject({ 'bot.config.json': { mode: 'dryrun', log: { messages: 'yes' } } });
    const err = await loadConfig({ cwd, env: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WXBOT_CONFIG_INVALID' });
    expect((err as Error).message).toContain('bot.config.json: mode: expected "live" | "dry-run", got "dryrun"');
    expect((err as Error).message).toContain('bot.config.json: log.messages: expected true or false, got "yes"');
  });

  it('turns a { use, canary } entry into a plugin that acts in the listed chats only', async () => {
    const cwd = await tempProject({ 'bot.config.json': { plugins: [{ use: 'keyword', options: { rules: [{ match: 'exact', pattern: 'ping', reply: 'pong' }] }, canary: { chats: ['Family'] } }] } });
    const config = await loadConfig({ cwd, env: {} });
    const plugins = await resolvePlugins(config.plugins, config);
    expect(plugins[0]?.definition.name).toBe('keyword');
    const bot = await createTestBot({ mode: 'in-process', plugins });
    expect(await bot.receive('ping', { from: 'Alice' })).toEqual([]);
    expect(await bot.receive('ping', { from: 'Alice', room: 'Family' })).toEqual([{ to: 'Family', text: 'pong' }]);
    await bot.close();
  });

  it('refuses a canary without chats, naming the entry', async () => {
    for (const canary of [{ chats: [] }, { chats: 'Family' }, { chats: ['Family'], groups: [] }]) {
      const cwd = await tempProject({ 'bot.config.json': { plugins: [{ use: 'echo', canary }] } });
      const config = await loadConfig({ cwd, env: {} });
      const err = await resolvePlugins(config.plugins, config).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WxbotError);
      expect((err as WxbotError).message).toMatch(/^bot\.config\.json: plugins\[0\]\.canary: expected \{ chats: \[\.\.\.\] \} with at least one chat name/);
    }
  });
});

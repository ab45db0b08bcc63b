import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { start } from '../../src/commands/start';

// `sim.scenario` in the config picks the simulated address book for `wxbot start --sim`.
describe('sim.scenario', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'wxbot-scenario-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (config: unknown) => {
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify(config));
    return start(['--sim', '--home', path.join(dir, 'home')], { cwd: dir, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
  };

  it('loads the scenario file relative to the config and the bot logs in to that address book', async () => {
    writeFileSync(
      path.join(dir, 'team.json'),
      JSON.stringify({ self: { nickName: 'helpdesk' }, friends: [{ nickName: 'Zora' }, { nickName: 'Yuki' }], groups: [{ topic: 'Support', members: ['Zora', 'Yuki'], saved: true }] }),
    );
    const running = await run({ sim: { scenario: './team.json' } });
    try {
      expect(running.bot.contacts.self.nickName).toBe('helpdesk');
      expect(running.bot.contacts.friends().map((f) => f.nickName).sort()).toEqual(['Yuki', 'Zora']);
      expect(running.bot.contacts.findGroups('Support')).toHaveLength(1);
    } finally {
      await running.stop();
    }
  });

  it('a missing scenario file stops startup with a config error naming the option', async () => {
    await expect(run({ sim: { scenario: './nope.json' } })).rejects.toMatchObject({
      code: 'WXBOT_CONFIG_INVALID',
      message: expect.stringMatching(/bot\.config\.json: sim\.scenario: expected a readable scenario JSON file.*"\.\/nope\.json"/),
    });
  });
});

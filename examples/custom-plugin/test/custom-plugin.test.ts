import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { start } from '../../../packages/cli/src/commands/start';

const root = path.resolve(__dirname, '../../..');

async function sentCount(sim: { sent(): unknown[] }, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (sim.sent().length < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} sent messages, have ${sim.sent().length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('examples/custom-plugin', () => {
  it('loads a plugin by path and an imported one with options, and both work', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-example-'));
    const running = await start(['--config', 'examples/custom-plugin/bot.config.ts', '--sim', '--home', home], {
      cwd: root,
      env: {},
      write: () => undefined,
      logger: pino({ level: 'silent' }),
    });
    try {
      const sim = running.sim;
      if (!sim) throw new Error('--sim did not start a simulator');
      sim.injectText({ from: 'Carol', text: 'Hi there' });
      await sentCount(sim, 1);
      sim.injectText({ from: 'Carol', text: 'one' });
      sim.injectText({ from: 'Carol', text: 'two' });
      sim.injectText({ from: 'Alice', room: 'Family', text: 'three, in the group' });
      sim.injectText({ from: 'Carol', text: '!count' });
      await sentCount(sim, 2);
      expect(sim.sent().map((s) => [s.content, s.to])).toEqual([
        ['Hello, Carol!', 'Carol'],
        // "Hi there", "one", "two": the greeting counts too (tally runs before greeter).
        ['3 messages so far in Carol', 'Carol'],
      ]);
    } finally {
      await running.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { start } from '../../../packages/cli/src/commands/start';

const root = path.resolve(__dirname, '../../..');

describe('examples/minimal', () => {
  it('starts against the simulator and echoes a friend', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-example-'));
    const out: string[] = [];
    const running = await start(['--config', 'examples/minimal/bot.config.ts', '--sim', '--home', home], {
      cwd: root,
      env: {},
      write: (t) => out.push(t),
      logger: pino({ level: 'silent' }),
    });
    try {
      const sim = running.sim;
      if (!sim) throw new Error('--sim did not start a simulator');
      expect(out.join('')).toContain(`webwx simulator listening on ${sim.url}`);
      sim.injectText({ from: 'Alice', text: 'hello, bot' });
      const deadline = Date.now() + 5000;
      while (sim.sent().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(sim.sent().map((s) => [s.content, s.to])).toEqual([['hello, bot', 'Alice']]);
    } finally {
      await running.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { cleanEnv, readUntil, root, wxbot } from './helpers/process';

// What only some bots need is loaded only by them: a bot on the real servers (here the simulator
// standing in for them through --endpoint, in this process) with JSON logs and no --watch never
// loads the simulator, chokidar or pino-pretty. A preload records the loaded modules at exit. The
// project sits in the checkout's .tmp/ (gitignored) so the built-in echo plugin resolves.
describe('wxbot start loads only what the bot needs (real process)', () => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = realpathSync(mkdtempSync(path.join(root, '.tmp', 'wxbot-lazy-')));
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ autoConfirm: true, autoConfirmDelayMs: 10, longPollMs: 500 });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bot on the real servers with JSON logs: no simulator, no chokidar, no pino-pretty in memory', async () => {
    const probe = path.join(dir, 'probe.cjs');
    const report = path.join(dir, 'modules.json');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`);
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ plugins: ['echo'] }));
    const p = wxbot(['start', '--endpoint', sim.url, '--home', path.join(dir, 'home'), '--no-pretty'], dir, cleanEnv({ NODE_OPTIONS: `--require ${probe}` }));
    try {
      await readUntil(p, /"msg":"logged in as wxbot/, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${p.out.join('')}`);
      });
      // Answering shows the bot is running (not only logged in) before it is stopped.
      const alice = sim.state().friends.find((f) => f.nickName === 'Alice');
      sim.injectText({ from: 'Alice', text: 'are you there' });
      for (let i = 0; i < 400 && !sim.sent().some((s) => s.content === 'are you there' && s.to === alice?.userName); i++) await new Promise((r) => setTimeout(r, 25));
      expect(sim.sent().map((s) => s.content)).toContain('are you there');
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
    const loaded = JSON.parse(readFileSync(report, 'utf8')) as string[];
    const has = (part: RegExp): boolean => loaded.some((m) => part.test(m));
    expect(has(/[\\/]packages[\\/]core[\\/]/)).toBe(true); // the probe saw the bot itself
    expect({ simulator: has(/[\\/](packages[\\/]simulator|@wxbot[\\/]simulator)[\\/]/), chokidar: has(/[\\/]chokidar[\\/]/), pinoPretty: has(/[\\/]pino-pretty[\\/]/) }).toEqual({
      simulator: false,
      chokidar: false,
      pinoPretty: false,
    });
  }, 60_000);
});

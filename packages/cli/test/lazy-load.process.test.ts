import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { cleanEnv, readUntil, root, wxbot } from './helpers/process';

// What only some bots need is loaded only by them: a bot on the real servers (here the simulator
// standing in for them through --endpoint, in this process) with JSON logs and no --watch never
// loads the simulator, chokidar or pino-pretty, and the TypeScript compiler that loaded a
// bot.config.ts is let go. A preload records the loaded modules at exit. The
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

  async function runBot(configFile: string, content: string): Promise<string[]> {
    const project = mkdtempSync(path.join(dir, 'project-'));
    const probe = path.join(project, 'probe.cjs');
    const report = path.join(project, 'modules.json');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`);
    writeFileSync(path.join(project, configFile), content);
    const p = wxbot(['start', '--endpoint', sim.url, '--home', path.join(project, 'home'), '--no-pretty'], project, cleanEnv({ NODE_OPTIONS: `--require ${probe}` }));
    try {
      await readUntil(p, /"msg":"logged in as wxbot/, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${p.out.join('')}`);
      });
      // Answering shows the bot is running (not only logged in) before it is stopped.
      const text = `are you there ${configFile}`;
      sim.injectText({ from: 'Alice', text });
      for (let i = 0; i < 400 && !sim.sent().some((s) => s.content === text); i++) await new Promise((r) => setTimeout(r, 25));
      expect(sim.sent().map((s) => s.content)).toContain(text);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    return JSON.parse(readFileSync(report, 'utf8')) as string[];
  }
  const has = (loaded: string[], part: RegExp): boolean => loaded.some((m) => part.test(m));

  it('a bot on the real servers with JSON logs: no simulator, no chokidar, no pino-pretty in memory', async () => {
    const loaded = await runBot('bot.config.json', JSON.stringify({ plugins: ['echo'] }));
    expect(has(loaded, /[\\/]packages[\\/]core[\\/]/)).toBe(true); // the probe saw the bot itself
    expect({
      simulator: has(loaded, /[\\/](packages[\\/]simulator|@wxbot[\\/]simulator)[\\/]/),
      chokidar: has(loaded, /[\\/]chokidar[\\/]/),
      pinoPretty: has(loaded, /[\\/]pino-pretty[\\/]/),
      typescript: has(loaded, /[\\/]node_modules[\\/]typescript[\\/]/),
    }).toEqual({ simulator: false, chokidar: false, pinoPretty: false, typescript: false });
  }, 60_000);

  it('with a bot.config.ts: the TypeScript compiler is dropped once the config and plugins are loaded', async () => {
    const loaded = await runBot('bot.config.ts', "const plugins: string[] = ['echo'];\nexport default { plugins };\n");
    expect(has(loaded, /[\\/]packages[\\/]core[\\/]/)).toBe(true);
    expect(has(loaded, /[\\/]node_modules[\\/]typescript[\\/]/)).toBe(false);
  }, 60_000);
});

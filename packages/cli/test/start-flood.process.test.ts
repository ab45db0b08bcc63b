import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { injectVia, readUntil, root, sentVia, wxbot } from './helpers/process';

// A flood through `wxbot start --config <file with outbox: { limits: false }>`: the config file
// alone switches the pacing off (no program against new Bot needed), and every message gets its
// answer. N is small for CI; bench/cli-flood.cjs runs the same with 5,000 and prints figures.
const N = 300;
const WINDOW = 32;
const FRIENDS = ['Alice', 'Bob', 'Carol', 'Dave'];

describe('wxbot start --config with outbox.limits false (real process)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-cli-flood-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`answers a flood of ${N} messages, each once`, async () => {
    if (!existsSync(path.join(root, 'packages/cli/dist/bin.js'))) throw new Error('build first: the test command runs tsc -b before jest');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"flood","private":true}');
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ plugins: ['echo'], outbox: { limits: false }, home: './home', log: { level: 'warn' } }));
    const p = wxbot(['start', '--sim', '--config', 'bot.config.json', '--no-pretty', '--log-level', 'info'], dir);
    try {
      const [, url] = (await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000)) as unknown as [string, string];
      await readUntil(p, /"msg":"logged in as wxbot/, 20_000);
      // Keep WINDOW messages outstanding: a new one goes in as replies come back.
      let injected = 0;
      let answered = new Set<string>();
      const deadline = Date.now() + 60_000;
      while (answered.size < N) {
        if (Date.now() > deadline) throw new Error(`only ${answered.size} of ${N} answered:\n${p.out.join('').slice(-2000)}`);
        const batch: Array<Promise<void>> = [];
        while (injected < N && injected - answered.size < WINDOW) {
          const i = injected++;
          batch.push(injectVia(url, { from: FRIENDS[i % FRIENDS.length]!, text: `flood #${i}#` }));
        }
        await Promise.all(batch);
        const sent = await sentVia(url);
        answered = new Set(sent.map((s) => /^flood #(\d+)#$/.exec(s.content)?.[1]).filter((t): t is string => t !== undefined));
        if (batch.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      const sent = await sentVia(url);
      expect(answered.size).toBe(N);
      // Each message answered once, to the friend who sent it.
      expect(sent.filter((s) => s.content.startsWith('flood #'))).toHaveLength(N);
      expect(sent.find((s) => s.content === 'flood #4#')).toMatchObject({ to: 'Alice' });
      expect(sent.find((s) => s.content === 'flood #6#')).toMatchObject({ to: 'Carol' });
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  }, 90_000);
});

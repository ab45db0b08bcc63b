import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `wxbot start --sim` as a newcomer runs it: a real process, the repository's bot.config.ts,
// the simulator's control API over HTTP.
const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'packages/cli/bin/wxbot.js');

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  // pnpm's jest shim sets NODE_PATH to its store; a real user's shell does not.
  delete e['NODE_PATH'];
  delete e['WXBOT_ENDPOINT'];
  delete e['WXBOT_HOME'];
  return e;
}

async function readUntil(child: ChildProcessWithoutNullStreams, out: string[], pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = out.join('').match(pattern);
    if (m) return m;
    if (child.exitCode !== null) throw new Error(`wxbot exited with ${child.exitCode}:\n${out.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out.join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('npx wxbot start --sim (real process)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-cli-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('logs in by itself and answers a message injected through the control API, then stops on SIGTERM', async () => {
    if (!existsSync(path.join(root, 'packages/cli/dist/bin.js'))) throw new Error('build first: the test command runs tsc -b before jest');
    const child = spawn(process.execPath, [bin, 'start', '--sim', '--no-pretty', '--home', home], { cwd: root, env: env() });
    const out: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    try {
      const [, url] = await readUntil(child, out, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
      await readUntil(child, out, /"msg":"logged in as wxbot/, 20_000);
      const res = await fetch(`${url}/__sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'Alice', text: 'ping' }) });
      expect(res.status).toBe(200);
      let sent: Array<{ content: string; to: string }> = [];
      const deadline = Date.now() + 10_000;
      while (!sent.some((s) => s.content === 'pong') && Date.now() < deadline) {
        sent = (await (await fetch(`${url}/__sim/sent`)).json()) as typeof sent;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(sent).toContainEqual(expect.objectContaining({ content: 'pong', to: 'Alice' }));
      expect(existsSync(path.join(home, 'sim', 'state.log'))).toBe(true);
      expect(out.join('')).toContain(`"msg":"simulator: state (plugin storage) kept in ${path.join(home, 'sim')}, apart from a real session; each run logs in afresh"`);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(out.join('')).not.toMatch(/@crypt_/);
  }, 60_000);

  it('a second --sim run on the same home logs in afresh, without resume or push attempts that cannot work', async () => {
    // The first test left a saved simulated session in <home>/sim.
    expect(existsSync(path.join(home, 'sim', 'state.log'))).toBe(true);
    const child = spawn(process.execPath, [bin, 'start', '--sim', '--no-pretty', '--home', home], { cwd: root, env: env() });
    const out: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    try {
      await readUntil(child, out, /"msg":"logged in as wxbot/, 20_000);
      expect(out.join('')).toMatch(/"method":"qr"/);
      expect(out.join('')).not.toMatch(/could not be resumed|push login|"step":"resume"|"step":"push-login"/);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);

  it('exits non-zero with the documented message for a bad config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-badcfg-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ login: { mode: 'phone' } }));
    const child = spawn(process.execPath, [bin, 'start', '--sim'], { cwd: dir, env: env() });
    const out: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(out.join('')).toMatch(/bot\.config\.json: login\.mode: expected "web" \| "desktop", got "phone"/);
    expect(out.join('')).toMatch(/WXBOT_CONFIG_INVALID/);
  }, 30_000);
});

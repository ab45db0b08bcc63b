import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanEnv, injectVia, readUntil, root, untilSent, wxbot } from './helpers/process';

// Done when: `wxbot init` into a temporary directory (outside the monorepo), the generated bot
// starts against the simulator and answers, and its generated test passes. Real processes.
describe('wxbot init (real processes)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-init-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const project = path.join(dir, 'my-bot');

  beforeAll(() => {
    if (!existsSync(path.join(root, 'packages/cli/dist/bin.js'))) throw new Error('build first: the test command runs tsc -b before jest');
  });

  it('creates the project, linked to this checkout', async () => {
    const p = wxbot(['init', 'my-bot', '--link', root], dir);
    expect(await p.exited).toBe(0);
    expect(p.out.join('')).toContain(`Created a wxbot project in ${project} (linked to ${root})`);
    for (const f of ['package.json', 'bot.config.ts', 'plugins/hello.ts', 'test/hello.test.ts', 'tsconfig.json']) expect(existsSync(path.join(project, f))).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['wxbot']).toBe(`file:${path.join(root, 'packages/cli')}`);
    for (const plugin of ['echo', 'keyword', 'auto-reply', 'friend-accept', 'room-welcome']) {
      expect(pkg.dependencies[`@wxbot/plugin-${plugin}`]).toBe(`file:${path.join(root, 'plugins', plugin)}`);
      expect(existsSync(path.join(project, 'node_modules/@wxbot', `plugin-${plugin}`, 'package.json'))).toBe(true);
    }
  }, 30_000);

  it('type-checks with `npm run typecheck` (tsc from the project, not an unrelated npx package)', async () => {
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['typecheck']).toBe('tsc --noEmit');
    expect(existsSync(path.join(project, 'node_modules/.bin/tsc'))).toBe(true);
    const run = (): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn('npm', ['run', '--silent', 'typecheck'], { cwd: project, env: cleanEnv() });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    const clean = await run();
    expect(clean).toEqual({ code: 0, out: '' });
    // The docs' built-in plugin import, with a wrong option type: tsc names it.
    const config = path.join(project, 'bot.config.ts');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, `import echo from '@wxbot/plugin-echo';\n${good.replace("plugins: [hello({ answer: 'pong' })]", "plugins: [hello({ answer: 'pong' }), echo({ prefix: 42 })]")}`);
    try {
      const broken = await run();
      expect(broken.code).not.toBe(0);
      expect(broken.out).toMatch(/bot\.config\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    } finally {
      writeFileSync(config, good);
    }
  }, 90_000);

  it("passes its generated test, in process and over HTTP against the simulator", async () => {
    const inProcess = wxbot(['test'], project);
    expect(await inProcess.exited).toBe(0);
    expect(inProcess.out.join('')).toMatch(/# pass 1\n# fail 0/);
    const overHttp = wxbot(['test'], project, cleanEnv({ WXBOT_TESTKIT_MODE: 'simulator' }));
    expect(await overHttp.exited).toBe(0);
    expect(overHttp.out.join('')).toMatch(/# pass 1\n# fail 0/);
  }, 60_000);

  it('`wxbot test` also runs in a "type": "module" project (.ts tests stay CommonJS)', async () => {
    const file = path.join(project, 'package.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(original) as object), type: 'module' }, null, 2));
    try {
      const p = wxbot(['test'], project);
      expect(await p.exited).toBe(0);
      expect(p.out.join('')).toMatch(/# pass 1\n# fail 0/);
    } finally {
      writeFileSync(file, original);
    }
  }, 60_000);

  it('starts with `wxbot start --sim` and answers through the simulator', async () => {
    const p = wxbot(['start', '--sim', '--no-pretty'], project);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /"msg":"logged in as wxbot; plugins: hello"/);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await untilSent(url, (sent) => sent.some((s) => s.content === 'pong' && s.to === 'Alice'));
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  }, 60_000);

  it('--no-link depends on the published packages and says what npm install needs', async () => {
    const p = wxbot(['init', 'published-bot', '--no-link'], dir);
    expect(await p.exited).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'published-bot/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toMatchObject({ wxbot: '^0.1.0', '@wxbot/core': '^0.1.0', '@wxbot/plugin-echo': '^0.1.0' });
    expect(p.out.join('')).toMatch(/npm install +\(the wxbot packages must be on your npm registry; if they are not, run\n +wxbot init --link REPO with a wxbot checkout instead\)/);
  }, 30_000);

  it('refuses to overwrite existing files unless --force', async () => {
    writeFileSync(path.join(project, 'plugins/hello.ts'), '// mine\n');
    const refused = wxbot(['init', 'my-bot'], dir);
    expect(await refused.exited).toBe(1);
    expect(refused.out.join('')).toMatch(/not overwriting package\.json, bot\.config\.ts, plugins\/hello\.ts, test\/hello\.test\.ts, tsconfig\.json, \.gitignore in .*my-bot; pass --force/);
    expect(readFileSync(path.join(project, 'plugins/hello.ts'), 'utf8')).toBe('// mine\n');
    const forced = wxbot(['init', 'my-bot', '--force'], dir);
    expect(await forced.exited).toBe(0);
    expect(readFileSync(path.join(project, 'plugins/hello.ts'), 'utf8')).toContain('definePlugin');
  }, 30_000);
});

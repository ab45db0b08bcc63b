import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tarballSpecs } from '../src/commands/init';
import { injectVia, readUntil, root, untilSent } from './helpers/process';

// Installable outside the monorepo, as a new user installs it: every publishable package packed
// (`pnpm -r pack`; each package's prepack builds it), the `wxbot` tarball installed in a fresh
// directory outside the workspace (the other tarballs standing in for the registry through
// overrides), `wxbot init --tarballs` in another directory, the project's own install and tests,
// then `npx wxbot start --sim` answering through a built-in plugin named by its short name.
// Once with npm, once with pnpm (isolated node_modules: nothing hoisted next to the project).
// Third-party dependencies come from the registry.

/** A user's shell: none of the outer pnpm/jest run's package environment. */
function userEnv(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_package_|npm_lifecycle_|PNPM_|WXBOT_)/.test(k) || ['NODE_PATH', 'INIT_CWD', 'npm_config_user_agent', 'npm_execpath', 'npm_node_execpath', 'npm_command'].includes(k)) continue;
    e[k] = v;
  }
  return { ...e, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

interface Proc {
  child: ChildProcessWithoutNullStreams;
  out: string[];
  exited: Promise<number | null>;
}

function start(command: string, args: string[], cwd: string): Proc {
  // detached: npx and pnpm start children of their own; the whole group is stopped at the end.
  const child = spawn(command, args, { cwd, env: userEnv(), detached: true, stdio: 'pipe' });
  const out: string[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out, exited };
}

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const p = start(command, args, cwd);
  const code = await p.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${p.out.join('').slice(-4000)}`);
  return p.out.join('');
}

const PNPM = ['-y', 'pnpm@10'];
const installers = {
  npm: { install: ['npm', ['install', '--prefer-offline']], test: ['npm', ['test']] },
  pnpm: { install: ['npx', [...PNPM, 'install']], test: ['npx', [...PNPM, 'test']] },
} as const;

describe('packed packages, installed outside the monorepo', () => {
  const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-pack-')));
  const packs = path.join(tmp, 'packs');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    // One build of the whole tree (a no-op after the test command's `tsc -b`), then the packs
    // without each package's prepack `tsc -b` (thirteen more no-op builds, ~15 s in CI); the
    // tarballs hold the same files. The prepack scripts themselves are checked by the first test.
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], root);
    await run('npx', [...PNPM, '-r', '--filter', './packages/**', '--filter', './plugins/**', '--config.ignore-scripts=true', 'pack', '--pack-destination', packs], root);
  }, 240_000);

  it('packs every package with an exports map, its engines, its sources for the maps, and no build info', async () => {
    const tarballs = readdirSync(packs).sort();
    expect(tarballs).toEqual(
      ['core', 'plugin-auto-reply', 'plugin-echo', 'plugin-friend-accept', 'plugin-keyword', 'plugin-room-welcome', 'protocol', 'server', 'simulator', 'store-redis', 'testkit', 'wire-types']
        .map((n) => `wxbot-${n}-0.1.0.tgz`)
        .concat('wxbot-0.1.0.tgz')
        .sort(),
    );
    // The packs above skip the prepack scripts (built once instead): a publish still builds first.
    for (const dir of ['packages', 'plugins'].flatMap((d) => readdirSync(path.join(root, d)).map((n) => path.join(root, d, n)))) {
      const source = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { private?: boolean; scripts?: Record<string, string> };
      if (!source.private) expect({ dir, prepack: source.scripts?.['prepack'] }).toEqual({ dir, prepack: 'tsc -b' });
    }
    const core = path.join(tmp, 'core');
    mkdirSync(core);
    await run('tar', ['-xzf', path.join(packs, 'wxbot-core-0.1.0.tgz'), '-C', core], tmp);
    {
      const pkg = JSON.parse(readFileSync(path.join(core, 'package/package.json'), 'utf8'));
      expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
      expect(pkg.engines.node).toBe('>=20.16');
      expect(pkg.dependencies['@wxbot/protocol']).toBe('0.1.0'); // workspace:* replaced
      const files = readdirSync(path.join(core, 'package/dist'));
      expect(files).toContain('index.js');
      expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
      // The map's sources resolve inside the package.
      const map = JSON.parse(readFileSync(path.join(core, 'package/dist/index.js.map'), 'utf8')) as { sources: string[] };
      expect(map.sources.length).toBeGreaterThan(0);
      for (const s of map.sources) expect(readFileSync(path.join(core, 'package/dist', s), 'utf8').length).toBeGreaterThan(0);
    }
  });

  /** The whole user journey with one installer; both run side by side (they mostly wait on I/O). */
  async function journey(who: keyof typeof installers): Promise<void> {
    const base = path.join(tmp, who);
    const cli = path.join(base, 'cli');
    const project = path.join(base, 'work', 'my-bot');
    const { install, test } = installers[who];
    mkdirSync(cli, { recursive: true });
    mkdirSync(path.dirname(project), { recursive: true });
    const specs = tarballSpecs(packs, cli);
    writeFileSync(path.join(cli, 'package.json'), JSON.stringify({ private: true, dependencies: { wxbot: specs['wxbot'] }, overrides: specs, pnpm: { overrides: specs } }, null, 2));
    await run(install[0], [...install[1]], cli);

    const out = await run(path.join(cli, 'node_modules/.bin/wxbot'), ['init', 'my-bot', '--tarballs', packs], path.dirname(project));
    expect(out).toContain(`Created a wxbot project in ${project}:`);
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(pkg.dependencies.wxbot).toBe(`file:${path.relative(project, path.join(packs, 'wxbot-0.1.0.tgz'))}`);
    await run(install[0], [...install[1]], project);
    expect(await run(test[0], [...test[1]], project)).toMatch(/# pass 1\n# fail 0/);

    writeFileSync(
      path.join(project, 'bot.config.ts'),
      `import { defineConfig } from 'wxbot';
import hello from './plugins/hello';

export default defineConfig({
  plugins: [hello({ answer: 'pong' }), ['keyword', { rules: [{ match: 'exact', pattern: 'marco', reply: 'polo' }] }]],
});
`,
    );
    const p = start('npx', ['wxbot', 'start', '--sim', '--no-pretty', '--home', path.join(base, 'home')], project);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
      await readUntil(p, /"msg":"logged in as wxbot; plugins: hello, keyword"/, 30_000);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await injectVia(url, { from: 'Alice', text: 'marco' });
      await untilSent(url, (sent) => sent.some((s) => s.content === 'pong' && s.to === 'Alice') && sent.some((s) => s.content === 'polo' && s.to === 'Alice'));
    } finally {
      if (p.child.pid !== undefined && p.child.exitCode === null) process.kill(-p.child.pid, 'SIGTERM');
      await p.exited;
    }
  }

  const journeys: Partial<Record<keyof typeof installers, Promise<void>>> = {};
  const journeyOf = (who: keyof typeof installers): Promise<void> => {
    journeys.npm ??= journey('npm');
    journeys.pnpm ??= journey('pnpm');
    journeys.npm.catch(() => {}); // reported by its own test
    journeys.pnpm.catch(() => {});
    return journeys[who] as Promise<void>;
  };

  it.each(Object.keys(installers) as Array<keyof typeof installers>)(
    'with %s: installs the wxbot tarball in a fresh directory; `wxbot init --tarballs` makes a project whose install and tests pass; `npx wxbot start --sim` answers ping, with a built-in plugin named by its short name',
    (who) => journeyOf(who),
    300_000,
  );
});

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanEnv, injectVia, readUntil, root, untilSent, wxbot } from './helpers/process';

// Done when: every code sample of the README and docs/ runs, in a project made by `wxbot init`,
// as a newcomer would run it. TypeScript samples are sorted by what they are: a config file
// (`// bot.config.ts` on its first line) is started against the simulator and must answer
// "ping"; a test file (imports node:test) runs under `wxbot test`; any other module is a plugin,
// loaded and fed messages by a generated test. All are type-checked by the project's tsc. Shell
// commands are run when they belong to the project, or name the test that covers them.

const DOCS = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** Shell lines of the docs and where they are exercised, when not run here. */
const COVERED_ELSEWHERE: Record<string, string> = {
  'npx -y pnpm@10 install && npx wxbot start --sim': 'start-sim.process.test.ts (the repository itself)',
  'npx -y pnpm@10 install && npx -y pnpm@10 test': 'the CI gate (.ci/run)',
  'npx wxbot start': 'login-errors.process.test.ts (needs a phone to scan; the login path with --endpoint)',
  'npx wxbot init ../my-bot': 'init.process.test.ts',
  'cd ../my-bot': 'init.process.test.ts',
  'npx wxbot dev': 'dev-chat.test.ts (interactive)',
  'npx wxbot dev --watch': 'watch.process.test.ts (interactive)',
  'npx wxbot start --api': 'start-api.process.test.ts (with --sim; without it a phone must scan)',
  'npx wxbot start --sim --api 0': 'start-api.process.test.ts',
  'wxbot fleet --store ./fleet --add sales-1,sales-2,sales-3 --sim 3': 'commands/fleet.test.ts (the same flags, in process)',
  'wxbot fleet --store ./fleet --add sales-1,sales-2,sales-3 --sim 3 --api 0': 'commands/fleet-api.process.test.ts',
  'npx wxbot fleet --store ./fleet --add sales-1,sales-2,sales-3 --sim 3 --api 0': 'commands/fleet-api.process.test.ts',
  'TOKEN=$(cat .wxbot/api-token)': 'start-api.process.test.ts (the generated token file)',
  'npx wxbot init my-bot': 'pack-install.process.test.ts (the packed packages installed outside the monorepo)',
  'cd my-bot': 'pack-install.process.test.ts',
  'npm install': 'pack-install.process.test.ts (npm and pnpm)',
  'npx wxbot start --sim': 'pack-install.process.test.ts, start-sim.process.test.ts',
  "npx -y pnpm@10 -r --filter './packages/**' --filter './plugins/**' pack --pack-destination /tmp/wxbot-packs": 'pack-install.process.test.ts',
  'npx wxbot init ~/my-bot --tarballs /tmp/wxbot-packs': 'pack-install.process.test.ts, init-tarballs.test.ts',
  'cd ~/my-bot && npm install && npm test && npx wxbot start --sim': 'pack-install.process.test.ts',
  'npx wxbot record --out monday.jsonl': 'record-replay.process.test.ts (with --sim; without it a phone must scan)',
  'npx wxbot replay monday.jsonl --expect monday.golden.jsonl --update': 'record-replay.process.test.ts',
  'npx wxbot replay monday.jsonl --expect monday.golden.jsonl': 'record-replay.process.test.ts',
};
/**
 * TypeScript samples that cannot run in a bare `wxbot init` project, and the test that runs
 * what they show instead.
 */
const SAMPLES_COVERED_ELSEWHERE: Record<string, string> = {
  'testing-6': 'packages/testkit/test/replay/replay.test.ts (replay() and compareGolden on a recorded fixture, which a bare project lacks)',
  'api-5': 'packages/server/test/server.test.ts (startControlServer in a program; needs @wxbot/server, which an init project does not depend on)',
  'api-11': 'packages/server/test/fleet-server.test.ts (startFleetControlServer in a program; needs @wxbot/server, which an init project does not depend on)',
};
/** Run in the project; each must exit 0. */
const RUN_IN_PROJECT = new Set(['npm test', 'npm run test:sim', 'npm run typecheck']);

interface Sample {
  doc: string;
  lang: string;
  code: string;
  name: string;
}

function samples(): Sample[] {
  return DOCS.flatMap((doc) =>
    [...readFileSync(path.join(root, doc), 'utf8').matchAll(/```([^\n]*)\n([\s\S]*?)```/g)].map((m, i) => ({
      doc,
      lang: m[1] ?? '',
      code: m[2] ?? '',
      name: `${path.basename(doc, '.md').toLowerCase()}-${i + 1}`,
    })),
  );
}

/** Shell commands of a block: comments dropped, `\` continuations joined. */
const shellLines = (code: string): string[] =>
  code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));

function run(command: string, args: string[], cwd: string, env = cleanEnv()): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

// One generated test file for all plugin samples (one process instead of one each).
const PLUGIN_SMOKE = (modules: readonly string[]): string => `import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PluginFactory } from '@wxbot/core';
import { createTestBot } from '@wxbot/testkit';
${modules.map((m, i) => `import * as sample${i} from '../plugins/${m}';`).join('\n')}

// Generated by doc-samples.process.test.ts: each sample's plugins set up and handle messages.
const samples: Array<[string, Record<string, unknown>]> = [${modules.map((m, i) => `['${m}', sample${i}]`).join(', ')}];
for (const [name, sample] of samples) {
  test(\`\${name}: its plugins load and handle messages\`, async () => {
    const exported: unknown[] = [...new Set(Object.values(sample))];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sample plugin has its own option types
    const factories = exported.filter((v): v is PluginFactory<any, any> => typeof v === 'function' && 'definition' in v);
    assert.ok(factories.length > 0, 'the sample exports a plugin');
    const bot = await createTestBot({ plugins: factories.map((f) => f()) });
    try {
      for (const text of ['ping', 'hello', 'help', 'report', 'visits', 'hi there']) await bot.receive(text, { from: 'Alice' });
      await bot.receive('hello', { from: 'Carol', room: 'Family', mention: true });
      await bot.receive({ kind: 'image', from: 'Alice' });
      assert.ok(bot.messages.length >= 8);
    } finally {
      await bot.close();
    }
  });
}
`;

describe('every code sample of the README and docs/ (real processes, a wxbot init project)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-doc-samples-')));
  const project = path.join(dir, 'my-bot');
  const all = samples();
  const ts = all.filter((s) => s.lang === 'ts' && !(s.name in SAMPLES_COVERED_ELSEWHERE));
  const configs = all.filter((s) => (s.lang === 'ts' && s.code.startsWith('// bot.config.ts')) || (s.lang === 'yaml' && s.code.startsWith('# .wxbotrc.yaml')));
  const tests = ts.filter((s) => s.code.includes("from 'node:test'"));
  const plugins = ts.filter((s) => !configs.includes(s) && !tests.includes(s));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    expect(await wxbot(['init', 'my-bot', '--link', root], dir).exited).toBe(0);
    for (const s of tests) writeFileSync(path.join(project, 'test', `doc-${s.name}.test.ts`), s.code);
    for (const s of plugins) writeFileSync(path.join(project, 'plugins', `doc-${s.name}.ts`), s.code);
    writeFileSync(path.join(project, 'test', 'doc-plugins.smoke.test.ts'), PLUGIN_SMOKE(plugins.map((s) => `doc-${s.name}`)));
    for (const s of configs) {
      mkdirSync(path.join(project, 'doc-configs', s.name), { recursive: true });
      writeFileSync(path.join(project, 'doc-configs', s.name, s.lang === 'ts' ? 'bot.config.ts' : '.wxbotrc.yaml'), s.code);
    }
    writeFileSync(path.join(project, 'tsconfig.docs.json'), JSON.stringify({ extends: './tsconfig.json', include: ['bot.config.ts', 'plugins', 'test', 'doc-configs'] }));
  }, 60_000);

  it('finds the samples: configs, tests and plugins', () => {
    expect(configs.map((s) => s.doc)).toEqual(['README.md', 'docs/api.md', 'docs/configuration.md', 'docs/configuration.md', 'docs/safety.md']);
    // Each sample said to be covered elsewhere exists (a renumbered doc would leave it dangling).
    for (const name of Object.keys(SAMPLES_COVERED_ELSEWHERE)) expect(all.some((s) => s.name === name && s.lang === 'ts')).toBe(true);
    expect(tests.length).toBeGreaterThanOrEqual(4);
    expect(plugins.length).toBeGreaterThanOrEqual(8);
    expect(ts.every((s) => configs.includes(s) || tests.includes(s) || plugins.includes(s))).toBe(true);
  });

  it('getting-started shows the test `wxbot init` writes, verbatim', () => {
    const shown = all.find((s) => s.doc === 'docs/getting-started.md' && s.lang === 'ts');
    expect(shown?.code).toBe(readFileSync(path.join(project, 'test/hello.test.ts'), 'utf8'));
  });

  it('type-checks every TypeScript sample with the project tsc', async () => {
    const result = await run(path.join(project, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.docs.json'], project);
    expect(result).toEqual({ code: 0, out: '' });
  }, 120_000);

  it('runs every test sample and every plugin sample under `wxbot test`', async () => {
    const result = await run(process.execPath, [path.join(project, 'node_modules/wxbot/bin/wxbot.js'), 'test'], project);
    expect(result.out).toMatch(new RegExp(`# pass ${1 + tests.length + plugins.length}\\n# fail 0`));
    expect(result.code).toBe(0);
  }, 120_000);

  it.each(configs.map((s) => s.name))('starts config sample %s against the simulator, and it answers ping', async (name) => {
    const file = readdirSync(path.join(project, 'doc-configs', name), { withFileTypes: true }).find((e) => e.isFile())?.name ?? '';
    const p = wxbot(['start', '--sim', '--no-pretty', '--config', path.join('doc-configs', name, file), '--home', path.join(dir, `home-${name}`)], project);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /"msg":"logged in as wxbot/);
      if (name.startsWith('readme-')) {
        // The README's curl lines, as printed, with this run's port.
        const curls = all.filter((s) => s.doc === 'README.md' && s.lang === 'sh').flatMap((s) => shellLines(s.code)).filter((l) => l.startsWith('curl '));
        expect(curls).toHaveLength(2);
        const port = new URL(url).port;
        for (const line of curls) expect((await run('sh', ['-c', line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`)], project)).code).toBe(0);
      } else {
        await injectVia(url, { from: 'Alice', text: 'ping' });
      }
      await untilSent(url, (sent) => sent.some((s) => s.to === 'Alice' && s.content === 'pong'));
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  }, 60_000);

  it("runs docs/simulator.md's control API calls against a running bot", async () => {
    const p = wxbot(['start', '--sim', '--no-pretty', '--home', path.join(dir, 'home-sim-doc')], project);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /"msg":"logged in as wxbot/);
      const lines = all.filter((s) => s.doc === 'docs/simulator.md' && s.lang === 'sh').flatMap((s) => shellLines(s.code));
      expect(lines).toHaveLength(3);
      const outputs: string[] = [];
      for (const line of lines) {
        const result = await run('sh', ['-c', line.replace('127.0.0.1:PORT', new URL(url).host)], project);
        expect(result.code).toBe(0);
        outputs.push(result.out);
      }
      // The reply waits for its typing delay (docs/safety.md, on by default): ask "what the bot
      // sent" again, as a reader would, until it is there.
      for (const deadline = Date.now() + 10_000; !outputs[2]?.includes('"content":"pong"') && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
        outputs[2] = (await run('sh', ['-c', (lines[2] ?? '').replace('127.0.0.1:PORT', new URL(url).host)], project)).out;
      }
      expect(outputs[2]).toContain('"content":"pong"');
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  }, 60_000);

  it("runs packages/simulator/README.md's library sample (it logs a client in before injecting)", async () => {
    const [, code = ''] = /```ts\n([\s\S]*?)```/.exec(readFileSync(path.join(root, 'packages/simulator/README.md'), 'utf8')) ?? [];
    // Under the repository's node_modules, where @wxbot/core and @wxbot/simulator resolve.
    const cache = path.join(root, 'node_modules/.cache/wxbot-simulator-readme');
    mkdirSync(cache, { recursive: true });
    try {
      writeFileSync(path.join(cache, 'sample.ts'), code);
      const result = await run(process.execPath, ['--require', path.join(root, 'packages/cli/dist/commands/ts-hook.js'), 'sample.ts'], cache);
      // The two chats' replies may go out in either order.
      expect(result.out).toMatch(/^\[ '(Alice|Dev Team): pong', '(?!\1)(Alice|Dev Team): pong' \]\n$/);
      expect(result.code).toBe(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the project commands of the docs, and every other shell line names the test that covers it', async () => {
    const lines = [...new Set(all.filter((s) => s.lang === 'sh').flatMap((s) => shellLines(s.code)))].filter((l) => !l.startsWith('curl '));
    const uncovered = lines.filter((l) => !RUN_IN_PROJECT.has(l) && !(l in COVERED_ELSEWHERE));
    expect(uncovered).toEqual([]);
    // A fresh project, as the docs' reader has it (the one above holds every sample's tests).
    const fresh = path.join(dir, 'fresh-bot');
    expect(await wxbot(['init', 'fresh-bot', '--link', root], dir).exited).toBe(0);
    for (const line of lines.filter((l) => RUN_IN_PROJECT.has(l))) {
      const [command = '', ...args] = line.split(' ');
      const result = await run(command, args, fresh);
      if (result.code !== 0) throw new Error(`${line} failed:\n${result.out}`);
    }
  }, 180_000);
});

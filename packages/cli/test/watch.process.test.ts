import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { injectVia, readUntil, root, sentVia, untilSent, wxbot } from './helpers/process';

// Done when: hot reload is tested with a plugin file rewritten during a run. A real
// `wxbot start --sim --watch` on a project made by `wxbot init`.
const plugin = (answer: string, tag: string) => `import { appendFileSync } from 'node:fs';
import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

export const hello = definePlugin({
  name: 'hello',
  options: z.object({ answer: z.string().default('pong') }).strict(),
  setup(api, options) {
    api.hears(/^ping/, () => \`\${options.answer} ${answer}\`);
    return () => appendFileSync(__dirname + '/../disposed.log', '${tag}\\n');
  },
});
export default hello;
`;

describe('wxbot start --watch (real process)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-watch-')));
  const project = path.join(dir, 'bot');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('swaps plugins on a change without a new login, keeps the old ones when the new code fails, loses no message', async () => {
    expect(await wxbot(['init', 'bot', '--link', root], dir).exited).toBe(0);
    const pluginFile = path.join(project, 'plugins/hello.ts');
    const configFile = path.join(project, 'bot.config.ts');
    writeFileSync(pluginFile, plugin('v1', 'v1'));
    const p = wxbot(['start', '--sim', '--watch', '--no-pretty'], project);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /\[wxbot\] watching .*bot\.config\.ts/);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await untilSent(url, (s) => s.some((x) => x.content === 'pong v1'));

      // New code: rewrite the plugin file while messages keep arriving.
      const burst = Array.from({ length: 10 }, (_, i) => `ping ${i}`);
      const sending = (async () => {
        for (const text of burst) {
          await injectVia(url, { from: 'Bob', text });
          await new Promise((r) => setTimeout(r, 30));
        }
      })();
      writeFileSync(pluginFile, plugin('v2', 'v2'));
      await sending;
      await readUntil(p, /\[wxbot\] reloaded plugins \(hello\) after a change to .*hello\.ts/);
      await untilSent(url, (s) => s.filter((x) => x.to === 'Bobby').length === burst.length);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await untilSent(url, (s) => s.some((x) => x.content === 'pong v2'));
      expect(readFileSync(path.join(project, 'disposed.log'), 'utf8')).toBe('v1\n');

      // New options in bot.config.ts.
      writeFileSync(configFile, readFileSync(configFile, 'utf8').replace("answer: 'pong'", "answer: 'PONG'"));
      await readUntil(p, /reloaded plugins \(hello\) after a change to .*bot\.config\.ts/);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await untilSent(url, (s) => s.some((x) => x.content === 'PONG v2'));

      // Broken code: reported, and the previous plugin keeps answering.
      writeFileSync(pluginFile, `${plugin('v3', 'v3')}\nthis is not typescript (`);
      await readUntil(p, /\[wxbot\] reload failed, the previous plugins keep running: plugins\/hello\.ts:\d+:\d+: syntax error: .*\n(?:.*\n)*> \d+ \| this is not typescript \(/);
      await injectVia(url, { from: 'Alice', text: 'ping again' });
      await untilSent(url, (s) => s.filter((x) => x.content === 'PONG v2').length === 2);

      const sent = await sentVia(url);
      expect(sent.filter((x) => x.to === 'Bobby').map((x) => x.content).every((c) => c === 'pong v1' || c === 'pong v2')).toBe(true);
      expect(p.out.join('').match(/"msg":"logged in as/g)).toHaveLength(1);
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
    expect(readFileSync(path.join(project, 'disposed.log'), 'utf8')).toBe('v1\nv2\nv2\n');
  }, 90_000);
});

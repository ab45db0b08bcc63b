import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { injectVia, readUntil, untilSent, wxbot } from './helpers/process';

// A real process (jest's module mapping would find the plugins anyway): a project with no
// node_modules names the built-in plugins, and the CLI uses the copies it ships with.
describe('built-in plugins by name (real process)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-builtin-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves echo, keyword and the others from the CLI installation', async () => {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true }));
    writeFileSync(
      path.join(dir, 'bot.config.json'),
      JSON.stringify({ plugins: [['keyword', { rules: [{ match: 'exact', pattern: 'ping', reply: 'pong' }] }], ['friend-accept', { rules: [{ match: 'any' }] }], 'room-welcome', 'auto-reply', ['echo', { prefix: '> ' }]] }),
    );
    const p = wxbot(['start', '--sim', '--no-pretty'], dir);
    try {
      const [, url = ''] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /"msg":"logged in as wxbot; plugins: keyword, friend-accept, room-welcome, auto-reply, echo"/);
      await injectVia(url, { from: 'Alice', text: 'ping' });
      await injectVia(url, { from: 'Carol', text: 'hello' });
      await untilSent(url, (sent) => sent.some((s) => s.content === 'pong' && s.to === 'Alice') && sent.some((s) => s.content === '> hello' && s.to === 'Carol'));
    } finally {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  }, 60_000);
});

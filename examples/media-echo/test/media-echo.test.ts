import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { start } from '../../../packages/cli/src/commands/start';

const root = path.resolve(__dirname, '../../..');
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

describe('examples/media-echo', () => {
  it('echoes an image, a GIF sticker and a file with a Chinese name, byte for byte', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-example-'));
    const running = await start(['--config', 'examples/media-echo/bot.config.ts', '--sim', '--home', home], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    try {
      const sim = running.sim;
      if (!sim) throw new Error('--sim did not start a simulator');
      // The demo bot rate-limits sends like a real account would; three replies fit in its burst.
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 9)]);
      const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 1)]);
      const doc = Buffer.from('quarterly numbers, all good\n'.repeat(2000));
      sim.inject({ kind: 'image', from: 'Alice', data: png });
      sim.inject({ kind: 'emoticon', from: 'Bob', data: gif });
      sim.inject({ kind: 'file', from: 'Carol', fileName: '报告.txt', data: doc });
      const deadline = Date.now() + 15_000;
      while (sim.sent().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const byTo = new Map(sim.sent().map((s) => [s.to, s]));
      expect(byTo.get('Alice')).toMatchObject({ type: 3, md5: md5(png) });
      expect(byTo.get('Bobby')).toMatchObject({ type: 47, md5: md5(gif) });
      expect(byTo.get('Carol')).toMatchObject({ type: 6, fileName: '报告.txt', md5: md5(doc) });
    } finally {
      await running.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);

  it('returns a file sent as ../../evil.txt under a plain name, over the control API', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-example-'));
    const running = await start(['--config', 'examples/media-echo/bot.config.ts', '--sim', '--home', home], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    try {
      const sim = running.sim;
      if (!sim) throw new Error('--sim did not start a simulator');
      const evil = Buffer.from('not what it claims to be\n');
      const post = await fetch(`${sim.url}/__sim/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Carol', file: evil.toString('base64'), name: '../../evil.txt' }),
      });
      expect(post.status).toBe(200);
      const sent = async (): Promise<Array<{ to: string; type: number; fileName?: string; md5?: string }>> => (await fetch(`${sim.url}/__sim/sent`)).json() as never;
      const deadline = Date.now() + 15_000;
      while ((await sent()).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const [reply] = await sent();
      expect(reply).toMatchObject({ to: 'Carol', type: 6, fileName: 'evil.txt', md5: md5(evil) });
      expect(reply?.fileName).not.toMatch(/[/\\]/);
    } finally {
      await running.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});

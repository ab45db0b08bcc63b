import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { runDevChat } from '../../src/commands/dev-chat';
import { start } from '../../src/commands/start';
import { root } from '../helpers/process';

// A stranger's text reaches `wxbot dev` through the bot's reply (the demo config's echo plugin
// repeats it): the screen must show the escape sequences, never let the terminal run them.
describe('wxbot dev: hostile text from the network', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-dev-hostile-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('shows control and bidi characters in replies as visible escapes', async () => {
    const running = await start(['--chat', '--home', home], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    const sim = running.sim;
    if (!sim) throw new Error('--chat did not start the simulator');
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (d: Buffer) => (screen += d.toString()));
    const chat = runDevChat({ sim, input, output, cwd: home });
    try {
      sim.inject({ kind: 'text', from: 'Alice', text: 'hi\u001b]0;pwned\u0007\u001b[2J\u009b1A\u202etxt.exe' });
      const deadline = Date.now() + 15_000;
      while (!screen.includes('bot → Alice: echo: hi')) {
        if (Date.now() > deadline) throw new Error(`no echo on screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      input.write('/quit\n');
      await chat;
    } finally {
      input.end();
      await running.stop();
    }
    expect(screen).toContain('bot → Alice: echo: hi\\x1b]0;pwned\\x07\\x1b[2J\\x9b1A\\u202etxt.exe');
    expect(screen).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  }, 60_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { DEV_CHAT_HELP, runDevChat } from '../src/commands/dev-chat';
import { start } from '../src/commands/start';
import { root } from './helpers/process';

// Done when: the dev chat is driven in a test through its input and output. `wxbot dev` is
// `start --sim --chat` plus runDevChat on the terminal's streams; here the streams are ours.
describe('wxbot dev (chat driven through its streams)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-dev-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('sends what you type as the chosen friend or group member and shows the replies with timestamps', async () => {
    writeFileSync(path.join(home, 'cat.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const running = await start(['--chat', '--home', home], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    expect(running.args).toMatchObject({ sim: true, chat: true });
    const sim = running.sim;
    if (!sim) throw new Error('--chat did not start the simulator');
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (pattern: RegExp): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(screen)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const chat = runDevChat({ sim, input, output, cwd: home, now: () => new Date(2024, 0, 1, 9, 30, 5) });
    try {
      await until(/Chatting with your bot as Alice\. \/help lists the commands\.\nAlice> $/);
      input.write('ping\n');
      await until(/\[09:30:05\] Alice → bot: ping/);
      await until(/\[\d\d:\d\d:\d\d\] bot → Alice: pong\n/);

      input.write('/room Family\n/as Bob\nping\n');
      await until(/Bob in Family> /);
      await until(/\[\d\d:\d\d:\d\d\] bot → Family: pong\n/);

      input.write('/image ./cat.png\n/friend-request Zed hello there\n/help\n/nope\n');
      await until(/Bob in Family → bot: \[image cat\.png\]/);
      await until(/friend request from Zed: hello there/);
      await until(/unknown command \/nope; \/help lists them/);
      expect(screen).toContain(DEV_CHAT_HELP);

      input.write('/as Nobody\n/room\nhi\n');
      await until(/error: unknown contact "Nobody"/);
      input.write('/quit\n');
      await chat;
    } finally {
      input.end();
      await running.stop();
    }
    expect(screen).toMatch(/\/room alone goes back to a private chat/);
  }, 60_000);
});

import { createHash } from 'node:crypto';
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
      await until(/Bob in Family → bot: \[image cat\.png, 8 bytes\]/);
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

  it('/file and /image send the file itself; a file reply is one line; a reply replaces the waiting prompt', async () => {
    const report = Buffer.from('quarterly numbers\n'.repeat(300));
    const photo = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(2000, 7)]);
    writeFileSync(path.join(home, 'report.txt'), report);
    writeFileSync(path.join(home, 'photo.jpg'), photo);
    // media-echo downloads what it receives and sends it back: the simulator records the md5.
    const running = await start(['--chat', '--home', home, '--config', 'examples/media-echo/bot.config.ts'], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    const sim = running.sim;
    if (!sim) throw new Error('--chat did not start the simulator');
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: true });
    let screen = '';
    output.on('data', (d: Buffer) => (screen += d.toString()));
    const until = async (pattern: RegExp): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(screen)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${JSON.stringify(screen)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
    const chat = runDevChat({ sim, input, output, cwd: home });
    try {
      input.write('/file report.txt\n');
      await until(/Alice → bot: \[file report\.txt, 5400 bytes\]/);
      await until(/bot → Alice: \[file report\.txt, 5400 bytes\]\n/);
      input.write('/image photo.jpg\n');
      await until(/bot → Alice: \[image echo\.jpg, 2010 bytes\]\n/);
      const [file, image] = sim.sent();
      expect(file).toMatchObject({ fileName: 'report.txt', size: report.length, md5: md5(report) });
      expect(image).toMatchObject({ size: photo.length, md5: md5(photo) });
      expect(screen).not.toMatch(/<appmsg|<msg>/);
      // The prompt shown while waiting is cleared by the reply, never left empty above it.
      expect(screen).not.toMatch(/Alice> \n/);
      expect(screen).toMatch(/Alice> \r\x1b\[2K\[\d\d:\d\d:\d\d\] bot → Alice: \[file report\.txt/);
      input.write('/quit\n');
      await chat;
    } finally {
      input.end();
      await running.stop();
    }
  }, 60_000);
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { DEV_CHAT_HELP, runDevChat, type DevChatOptions } from '../../src/commands/dev-chat';
import { start } from '../../src/commands/start';
import { root } from '../helpers/process';

// Done when: the dev chat is driven in a test through its input and output. `wxbot dev` is
// `start --sim --chat` plus runDevChat on the terminal's streams; here the streams are ours.

/** `wxbot dev` on our own streams: what it printed so far, a wait for a pattern, and the teardown. */
async function openChat(home: string, o: { config?: string; tty?: boolean; now?: DevChatOptions['now'] } = {}) {
  const running = await start(['--chat', '--home', home, ...(o.config ? ['--config', o.config] : [])], { cwd: root, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
  const sim = running.sim;
  if (!sim) throw new Error('--chat did not start the simulator');
  const input = new PassThrough();
  const output = o.tty ? Object.assign(new PassThrough(), { isTTY: true }) : new PassThrough();
  let screen = '';
  output.on('data', (d: Buffer) => (screen += d.toString()));
  const until = async (pattern: RegExp | string): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (typeof pattern === 'string' ? !screen.includes(pattern) : !pattern.test(screen)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${JSON.stringify(screen)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const chat = runDevChat({ sim, input, output, cwd: home, ...(o.now ? { now: o.now } : {}) });
  return {
    running,
    sim,
    input,
    chat,
    until,
    screen: () => screen,
    close: async () => {
      input.end();
      await running.stop();
    },
  };
}

describe('wxbot dev (chat driven through its streams)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-dev-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('sends what you type as the chosen friend or group member and shows the replies with timestamps', async () => {
    writeFileSync(path.join(home, 'cat.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const c = await openChat(home, { now: () => new Date(2024, 0, 1, 9, 30, 5) });
    expect(c.running.args).toMatchObject({ sim: true, chat: true });
    const { input, until } = c;
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
      expect(c.screen()).toContain(DEV_CHAT_HELP);

      input.write('/as Nobody\n/room\nhi\n');
      await until(/error: unknown contact "Nobody"/);
      input.write('/quit\n');
      await c.chat;
    } finally {
      await c.close();
    }
    expect(c.screen()).toMatch(/\/room alone goes back to a private chat/);
  }, 60_000);

  it('/file and /image send the file itself; a file reply is one line; a reply replaces the waiting prompt', async () => {
    const report = Buffer.from('quarterly numbers\n'.repeat(300));
    const photo = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(2000, 7)]);
    writeFileSync(path.join(home, 'report.txt'), report);
    writeFileSync(path.join(home, 'photo.jpg'), photo);
    // media-echo downloads what it receives and sends it back: the simulator records the md5.
    const c = await openChat(home, { config: 'examples/media-echo/bot.config.ts', tty: true });
    const { input, until, sim } = c;
    const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
    try {
      input.write('/file report.txt\n');
      await until(/Alice → bot: \[file report\.txt, 5400 bytes\]/);
      await until(/bot → Alice: \[file report\.txt, 5400 bytes\]\n/);
      input.write('/image photo.jpg\n');
      await until(/bot → Alice: \[image echo\.jpg, 2010 bytes\]\n/);
      const [file, image] = sim.sent();
      expect(file).toMatchObject({ fileName: 'report.txt', size: report.length, md5: md5(report) });
      expect(image).toMatchObject({ size: photo.length, md5: md5(photo) });
      expect(c.screen()).not.toMatch(/<appmsg|<msg>/);
      // The prompt shown while waiting is cleared by the reply, never left empty above it.
      expect(c.screen()).not.toMatch(/Alice> \n/);
      expect(c.screen()).toMatch(/Alice> \r\x1b\[2K\[\d\d:\d\d:\d\d\] bot → Alice: \[file report\.txt/);
      input.write('/quit\n');
      await c.chat;
    } finally {
      await c.close();
    }
  }, 60_000);
});

// A stranger's text reaches `wxbot dev` through the bot's reply (the demo config's echo plugin
// repeats it): the screen must show the escape sequences, never let the terminal run them.
describe('wxbot dev: hostile text from the network', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-dev-hostile-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('shows control and bidi characters in replies as visible escapes', async () => {
    const c = await openChat(home);
    try {
      c.sim.inject({ kind: 'text', from: 'Alice', text: 'hi\u001b]0;pwned\u0007\u001b[2J\u009b1A\u202etxt.exe' });
      await c.until('bot → Alice: echo: hi');
      c.input.write('/quit\n');
      await c.chat;
    } finally {
      await c.close();
    }
    expect(c.screen()).toContain('bot → Alice: echo: hi\\x1b]0;pwned\\x07\\x1b[2J\\x9b1A\\u202etxt.exe');
    expect(c.screen()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  }, 60_000);
});

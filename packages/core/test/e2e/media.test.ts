import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { definePlugin, type Bot, type Message, type SentMessage } from '@wxbot/core';
import { FAST_SIM, newBot, recorder, removeHome, tempHome, until } from './harness';

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
// Minimal but real file headers, so type sniffing has something true to find.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(120, 3)]);

describe('media through the engine', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const rec = recorder();
  const mediaReplies = definePlugin({
    name: 'media-replies',
    setup(api) {
      api.hears('picture please', async (ctx) => {
        await ctx.reply({ image: path.join(home, 'reply.png') });
        return { file: Buffer.from('plain text attachment'), name: 'notes.txt' };
      });
    },
  });

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    await fs.writeFile(path.join(home, 'reply.png'), PNG);
    bot = newBot(sim, home, [rec.plugin, mediaReplies], { outbox: { limits: false } });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  const received = async (id: string): Promise<Message> => {
    await until(() => rec.seen.some((m) => m.id === id), `message ${id}`);
    return rec.seen.find((m) => m.id === id) as Message;
  };
  const alice = (): string => bot.contacts.findContacts('Alice')[0]?.id ?? '';

  it('downloads an image with the right endpoint and sniffs its real type', async () => {
    const { msgId } = sim.inject({ kind: 'image', from: 'Alice', data: PNG });
    const media = await bot.download(await received(msgId));
    expect(md5(media.bytes)).toBe(md5(PNG));
    expect(media.mime).toBe('image/png');
    expect(media.fileName).toBe(`${msgId}.png`);
  });

  it('an emoticon served as image/jpeg is recognised as the GIF it is', async () => {
    const { msgId } = sim.inject({ kind: 'emoticon', from: 'Alice', data: GIF });
    const media = await bot.download(await received(msgId));
    expect(media.ext).toBe('gif');
    expect(md5(media.bytes)).toBe(md5(GIF));
  });

  it('downloads voice and video; a 0-byte video is a clear error', async () => {
    const voice = sim.inject({ kind: 'voice', from: 'Alice', durationMs: 1200 });
    expect((await bot.download(await received(voice.msgId))).bytes.length).toBeGreaterThan(0);
    const video = sim.inject({ kind: 'video', from: 'Alice', seconds: 2 });
    expect((await bot.download(await received(video.msgId))).bytes.length).toBeGreaterThan(0);
    const empty = sim.inject({ kind: 'video', from: 'Alice', zeroBytes: true });
    await expect(bot.download(await received(empty.msgId))).rejects.toMatchObject({ code: 'WXBOT_MEDIA_UNAVAILABLE' });
  });

  it('streams a large file attachment to disk', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const { msgId } = sim.inject({ kind: 'file', from: 'Alice', fileName: '年报.pdf', size });
    const m = await received(msgId);
    const target = path.join(home, 'download.pdf');
    const result = await bot.downloadTo(m, target);
    expect(result.size).toBe(size);
    expect((await fs.stat(target)).size).toBe(size);
  });

  it('refuses to download a text message', async () => {
    const { msgId } = sim.injectText({ from: 'Alice', text: 'no media here' });
    await expect(bot.download(await received(msgId))).rejects.toMatchObject({ code: 'WXBOT_NOT_MEDIA' });
  });

  it('sends an image from a path (upload to FILE, then webwxsendmsgimg)', async () => {
    const file = path.join(home, 'cat.png');
    await fs.writeFile(file, PNG);
    const before = sim.sent().length;
    await bot.send(alice(), { image: file });
    const last = sim.sent()[before];
    expect(last).toMatchObject({ type: 3, to: 'Alice', md5: md5(PNG) });
  });

  it('sends a GIF image as an emoticon', async () => {
    const before = sim.sent().length;
    await bot.send(alice(), { image: GIF, name: 'dance.gif' });
    expect(sim.sent()[before]).toMatchObject({ type: 47, md5: md5(GIF) });
  });

  it('sends a file over 1 MiB with a Chinese name (chunked upload, reassembled intact)', async () => {
    const bytes = Buffer.alloc(1024 * 1024 + 300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const before = sim.sent().length;
    const uploadsBefore = sim.uploads().length;
    await bot.send(alice(), { file: bytes, name: '季度报告.pdf' });
    expect(sim.sent()[before]).toMatchObject({ fileName: '季度报告.pdf', size: bytes.length, md5: md5(bytes) });
    // The simulator reassembles the chunks and checks FileMd5 against them before answering.
    expect(sim.uploads()[uploadsBefore]).toMatchObject({ name: '季度报告.pdf', size: bytes.length, md5: md5(bytes), placeholder: false });
  });

  it('replies with media from a plugin: ctx.reply({ image }) and returned { file }', async () => {
    const before = sim.sent().length;
    sim.injectText({ from: 'Carol', text: 'picture please' });
    await until(() => sim.sent().length >= before + 2, 'two media replies');
    expect(sim.sent().slice(before).map((s) => [s.type, s.to, s.fileName ?? ''])).toEqual([
      [3, 'Carol', 'reply.png'],
      [6, 'Carol', 'notes.txt'],
    ]);
  });
});

describe('revoke', () => {
  it('revokes inside the 2-minute window; outside it is a clear error', async () => {
    const sim = await startSimulator(FAST_SIM);
    const home = tempHome();
    const bot = newBot(sim, home, [], { outbox: { limits: false } });
    await bot.start();
    try {
      const to = bot.contacts.findContacts('Alice')[0]?.id ?? '';
      const first: SentMessage = await bot.send(to, 'oops, wrong chat');
      await bot.revoke(first);
      expect(sim.sent().find((s) => s.msgId === first.msgId)?.revoked).toBe(true);
      const second = await bot.send(to, 'this one stays');
      sim.advanceClock(3 * 60_000);
      await expect(bot.revoke(second)).rejects.toMatchObject({ code: 'WXBOT_REVOKE_EXPIRED', message: expect.stringMatching(/last 2 minutes/) });
      expect(sim.sent().find((s) => s.msgId === second.msgId)?.revoked).toBeFalsy();
    } finally {
      await bot.stop();
      await sim.close();
      removeHome(home);
    }
  });
});

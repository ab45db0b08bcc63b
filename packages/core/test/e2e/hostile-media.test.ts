import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { definePlugin, type Bot, type Message } from '@wxbot/core';
import { FAST_SIM, newBot, recorder, removeHome, tempHome, until } from './harness';

// A stranger picks the name and the size of what they send. Everything here goes over HTTP:
// the simulator serves the bytes, the bot downloads them as it would from WeChat.
const MAX = 64 * 1024;
const SEPARATORS_OR_CONTROLS = /[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile media from strangers', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const rec = recorder();
  // Replies with a file under the name a (careless) plugin passes through unchecked.
  const renamer = definePlugin({
    name: 'renamer',
    setup(api) {
      api.hears(/^send as (.+)$/s, (ctx) => ({ file: Buffer.from('reply body'), name: (ctx.message.text.match(/^send as (.+)$/s) ?? [])[1] ?? '' }));
    },
  });

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(sim, home, [rec.plugin, renamer], { outbox: { limits: false }, media: { maxBytes: MAX } });
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
  const fileFrom = async (fileName: string, data = Buffer.from('hello')): Promise<Message> => received(sim.inject({ kind: 'file', from: 'Alice', fileName, data }).msgId);

  it.each([
    ['../../evil.txt', 'evil.txt'],
    ['..\\..\\Windows\\System32\\evil.dll', 'evil.dll'],
    ['/etc/passwd', 'passwd'],
    ['../../.ssh/authorized_keys', 'authorized_keys'],
    ['a\u0000b.txt', 'ab.txt'],
    ['report\u202Egnp.exe', 'reportgnp.exe'],
    ['\u2066invoice\u2069.pdf\u200b', 'invoice.pdf'],
    ['.bashrc', 'bashrc'],
    ['CON.txt', '_CON.txt'],
    ['nul', '_nul'],
    ['what?<now>:"|*.txt', 'what__now_____.txt'],
    ['年报 2024.pdf', '年报 2024.pdf'],
  ])('a file sent as %j arrives as %j, the original kept as rawFileName', async (sent, safe) => {
    const m = await fileFrom(sent);
    expect(m.media).toMatchObject({ fileName: safe, rawFileName: sent });
    const media = await bot.download(m);
    expect(media).toMatchObject({ fileName: safe, rawFileName: sent });
    expect(media.bytes.toString()).toBe('hello');
  });

  it('an overlong name is cut to 200 UTF-8 bytes, keeping its extension', async () => {
    const sent = `${'长'.repeat(400)}.pdf`;
    const m = await fileFrom(sent);
    const name = m.media?.fileName ?? '';
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^长+\.pdf$/);
    expect(m.media?.rawFileName).toBe(sent);
  });

  it('a name with nothing usable left (only dots and separators, or empty) falls back to the message id', async () => {
    const dots = await fileFrom('../..');
    expect(dots.media?.fileName).toBe(`${dots.id}`);
    // An empty FileName and title, as a broken or hostile client could send.
    const { entry } = sim.inject({ kind: 'file', from: 'Alice', fileName: 'x.txt', data: Buffer.from('empty name') });
    const { MsgId: _id, ...rest } = entry;
    const { msgId } = sim.inject({ kind: 'raw', entry: { ...rest, FileName: '', EncryFileName: '', Content: rest.Content.replace(/&lt;title&gt;x\.txt&lt;\/title&gt;/, '&lt;title&gt;&lt;/title&gt;') } });
    const empty = await received(msgId);
    expect(empty.media).toMatchObject({ fileName: `${msgId}.txt`, rawFileName: '' });
    expect((await bot.download(empty)).fileName).toBe(`${msgId}.txt`);
  });

  it('a media reply that passes a hostile name is sent under the safe name', async () => {
    const before = sim.sent().length;
    sim.injectText({ from: 'Alice', text: 'send as ../../x\u202e\u0007.txt' });
    await until(() => sim.sent().length > before, 'the file reply');
    expect(sim.sent()[before]).toMatchObject({ type: 6, fileName: 'x.txt' });
    expect(sim.sent()[before]?.fileName).not.toMatch(SEPARATORS_OR_CONTROLS);
  });

  it('download() refuses a file the message announces above media.maxBytes, pointing to downloadTo', async () => {
    const { msgId } = sim.inject({ kind: 'file', from: 'Alice', fileName: 'big.bin', size: MAX + 1 });
    const m = await received(msgId);
    await expect(bot.download(m)).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE', message: expect.stringMatching(/downloadTo/) });
    // The same file is fine streamed to disk, or with a larger per-call limit.
    const target = path.join(home, 'big.bin');
    expect((await bot.downloadTo(m, target)).size).toBe(MAX + 1);
    expect((await bot.download(m, { maxBytes: MAX + 1 })).bytes.length).toBe(MAX + 1);
  });

  it('download() refuses an image (no size in the message) once the server sends more than media.maxBytes', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(MAX * 2, 1)]);
    const m = await received(sim.inject({ kind: 'image', from: 'Alice', data: png }).msgId);
    await expect(bot.download(m)).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE' });
    expect((await bot.download(m, { maxBytes: png.length })).bytes.equals(png)).toBe(true);
  });

  it('downloadTo() with a cap aborts a larger file and removes the partial file', async () => {
    const m = await received(sim.inject({ kind: 'file', from: 'Alice', fileName: 'capped.bin', size: 300_000 }).msgId);
    const target = path.join(home, 'capped.bin');
    await expect(bot.downloadTo(m, target, { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE' });
    expect(existsSync(target)).toBe(false);
  });

  it('downloadTo() aborts when the server sends more than the message announced, and removes the partial file', async () => {
    const data = Buffer.alloc(200_000, 7);
    const { entry } = sim.inject({ kind: 'file', from: 'Alice', fileName: 'liar.bin', data });
    const { MsgId: _id, ...rest } = entry;
    // Same attachment, but the message claims 1000 bytes.
    const lie = { ...rest, FileSize: '1000', Content: rest.Content.replace(/&lt;totallen&gt;\d+&lt;\/totallen&gt;/, '&lt;totallen&gt;1000&lt;/totallen&gt;') };
    const m = await received(sim.inject({ kind: 'raw', entry: lie }).msgId);
    expect(m.media?.size).toBe(1000);
    const target = path.join(home, 'liar.bin');
    await expect(bot.downloadTo(m, target)).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE', message: expect.stringMatching(/announced 1000/) });
    expect(existsSync(target)).toBe(false);
    await expect(fs.readdir(home)).resolves.not.toContain('liar.bin');
  });
});

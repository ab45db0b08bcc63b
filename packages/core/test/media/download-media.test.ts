import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InjectInput } from '@wxbot/simulator';
import { downloadMedia, downloadMediaTo } from '../../src/media/download-media';
import { parseMessage } from '../../src/message/parse-message';
import type { Message } from '../../src/message/types';
import { liveSession, type Live } from '../fixtures/live';

// Downloads against the simulator, which serves what was injected from its media endpoints.
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

let t: Live;
beforeAll(async () => {
  t = await liveSession();
});
afterAll(() => t.close());

/** Inject a message and parse the entry the client would receive. */
function received(input: InjectInput): Message {
  const { entry } = t.sim.inject(input);
  return parseMessage(JSON.parse(JSON.stringify(entry)) as typeof entry, { selfId: t.live.selfUserName, contacts: t.contacts });
}

describe('downloadMedia', () => {
  it('an image: its bytes, the sniffed type and a name from the message id', async () => {
    const m = received({ kind: 'image', from: 'Alice', data: PNG });
    const media = await downloadMedia(t.live.ctx, m);
    expect(md5(media.bytes)).toBe(md5(PNG));
    expect(media).toMatchObject({ mime: 'image/png', ext: 'png', fileName: `${m.id}.png`, rawFileName: '' });
    expect(Object.isFrozen(media)).toBe(true);
  });

  it('a voice and a video through their own endpoints', async () => {
    expect((await downloadMedia(t.live.ctx, received({ kind: 'voice', from: 'Alice' }))).mime).toBe('audio/mpeg');
    expect((await downloadMedia(t.live.ctx, received({ kind: 'video', from: 'Alice' }))).mime).toBe('video/mp4');
  });

  it('a file keeps its name, made safe, and the raw name beside it', async () => {
    const m = received({ kind: 'file', from: 'Alice', fileName: '../report 2024.txt', data: Buffer.from('quarterly numbers') });
    const media = await downloadMedia(t.live.ctx, m);
    expect(media.bytes.toString()).toBe('quarterly numbers');
    expect(media.rawFileName).toBe('../report 2024.txt');
    expect(media.fileName).not.toContain('/');
    expect(media.fileName).toContain('report 2024');
  });

  it('refuses what is not media, store stickers and empty videos with coded errors', async () => {
    await expect(downloadMedia(t.live.ctx, received({ kind: 'text', from: 'Alice', text: 'hi' }))).rejects.toMatchObject({ code: 'WXBOT_NOT_MEDIA' });
    await expect(downloadMedia(t.live.ctx, received({ kind: 'emoticon', from: 'Alice', store: true }))).rejects.toMatchObject({ code: 'WXBOT_MEDIA_UNAVAILABLE', message: expect.stringContaining('store sticker') as string });
    await expect(downloadMedia(t.live.ctx, received({ kind: 'video', from: 'Alice', zeroBytes: true }))).rejects.toMatchObject({ code: 'WXBOT_MEDIA_UNAVAILABLE', message: expect.stringContaining('WeChat camera') as string });
  });

  it('refuses media above maxBytes (the option, else the default given), naming downloadTo', async () => {
    const m = received({ kind: 'file', from: 'Alice', fileName: 'big.bin', size: 5000 });
    await expect(downloadMedia(t.live.ctx, m, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE', message: expect.stringContaining('bot.downloadTo') as string });
    await expect(downloadMedia(t.live.ctx, m, {}, 1000)).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE' });
    expect((await downloadMedia(t.live.ctx, m, { maxBytes: 5000 })).bytes).toHaveLength(5000);
  });
});

describe('downloadMediaTo', () => {
  it('streams into the file and reports its size and type', async () => {
    const file = path.join(t.home, 'out.png');
    const r = await downloadMediaTo(t.live.ctx, received({ kind: 'image', from: 'Alice', data: PNG }), file);
    expect(r).toEqual({ path: file, size: PNG.length, mime: 'image/png' });
    expect(md5(readFileSync(file))).toBe(md5(PNG));
  });

  it('above maxBytes: WXBOT_MEDIA_TOO_LARGE and no file left behind', async () => {
    const file = path.join(t.home, 'big.bin');
    await expect(downloadMediaTo(t.live.ctx, received({ kind: 'file', from: 'Alice', fileName: 'big.bin', size: 50_000 }), file, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'WXBOT_MEDIA_TOO_LARGE' });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses what is not media before any request', async () => {
    await expect(downloadMediaTo(t.live.ctx, received({ kind: 'text', from: 'Alice', text: 'hi' }), path.join(t.home, 'x'))).rejects.toMatchObject({ code: 'WXBOT_NOT_MEDIA' });
  });
});

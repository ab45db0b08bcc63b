import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExecutorContext } from '../../src/outbox/types';
import { sendMediaOnce } from '../../src/media/send-media';
import { liveSession, type Live } from '../fixtures/live';

// One upload + one send per call, against the simulator.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(120, 3)]);

let t: Live;
let ctx: ExecutorContext;
beforeAll(async () => {
  t = await liveSession();
  ctx = { session: t.live.ctx, selfUserName: t.live.selfUserName, signal: new AbortController().signal, clientMsgId: '17000000000000001' };
});
afterAll(() => t.close());

function staged(name: string, bytes: Buffer) {
  const file = path.join(t.home, name);
  writeFileSync(file, bytes);
  return { path: file, name, size: bytes.length, to: t.id('Alice') };
}

describe('sendMediaOnce', () => {
  it('uploads the file, then sends it as an image with the action ClientMsgId', async () => {
    const sent = await sendMediaOnce('image', ctx, staged('dot.png', PNG));
    const upload = t.sim.uploads().at(-1);
    expect(upload).toMatchObject({ name: 'dot.png', size: PNG.length, mime: 'image/png' });
    expect(t.sim.sent().at(-1)).toMatchObject({ type: 3, to: 'Alice', mediaId: upload?.mediaId, clientMsgId: '17000000000000001', msgId: sent.msgId });
    expect(Object.isFrozen(sent)).toBe(true);
  });

  it('a GIF asked for as an image goes as an emoticon (an image would show a still)', async () => {
    await sendMediaOnce('image', ctx, staged('anim.gif', GIF));
    expect(t.sim.sent().at(-1)?.type).toBe(47);
  });

  it('a file goes as an app message with its name and size', async () => {
    const bytes = Buffer.from('plain text attachment');
    await sendMediaOnce('file', ctx, staged('notes.txt', bytes));
    expect(t.sim.sent().at(-1)).toMatchObject({ fileName: 'notes.txt', size: bytes.length });
  });

  it('a video goes as a video', async () => {
    const mp4 = Buffer.concat([Buffer.from('000000186674797069736f6d', 'hex'), Buffer.alloc(100, 1)]);
    await sendMediaOnce('video', ctx, staged('clip.mp4', mp4));
    expect(t.sim.sent().at(-1)?.type).toBe(43);
  });
});

import { PassThrough, Readable } from 'node:stream';
import { peek } from '../../src/media/peek';

describe('peek', () => {
  it('waits for the first chunk and puts it back, so the stream still yields every byte', async () => {
    const body = new PassThrough();
    const first = peek(body);
    setImmediate(() => {
      body.write(Buffer.from('GIF89a'));
      body.end(Buffer.from('rest'));
    });
    expect((await first)?.toString()).toMatch(/^GIF89a/);
    const all: Buffer[] = [];
    for await (const c of body) all.push(c as Buffer);
    expect(Buffer.concat(all).toString()).toBe('GIF89arest');
  });

  it('answers undefined for an empty body, and rejects with the stream error', async () => {
    expect(await peek(Readable.from([]))).toBeUndefined();
    const broken = new PassThrough();
    const p = peek(broken);
    setImmediate(() => broken.destroy(new Error('reset')));
    await expect(p).rejects.toThrow('reset');
  });
});

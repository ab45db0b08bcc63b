import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { stageMedia } from '../../src/media/stage-media';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'wxbot-stage-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

describe('stageMedia', () => {
  it('a path is used in place, resolved, named after its file unless a name is given', async () => {
    const file = path.join(home, 'photo.png');
    writeFileSync(file, 'png bytes');
    const rel = path.relative(process.cwd(), file);
    expect(await stageMedia(rel, home, undefined, 'image-1')).toEqual({ path: file, name: 'photo.png', size: 9 });
    expect((await stageMedia(file, home, 'holiday.png', 'image-1')).name).toBe('holiday.png');
  });

  it('a missing path, or a directory, is refused by name', async () => {
    await expect(stageMedia(path.join(home, 'none.png'), home, undefined, 'x')).rejects.toThrow(/cannot send ".*none\.png": no such file/);
    await expect(stageMedia(home, home, undefined, 'x')).rejects.toThrow(/no such file/);
  });

  it('bytes go to <home>/media (0700) as a 0600 file named by their hash; the same bytes, the same file', async () => {
    const bytes = Buffer.from('some image');
    const a = await stageMedia(bytes, home, undefined, 'image-1');
    const b = await stageMedia(new Uint8Array(bytes), home, 'x.png', 'image-2');
    expect(a.path).toBe(b.path);
    expect(path.dirname(a.path)).toBe(path.join(home, 'media'));
    expect(readFileSync(a.path, 'utf8')).toBe('some image');
    expect(mode(a.path)).toBe(0o600);
    expect(mode(path.join(home, 'media'))).toBe(0o700);
    expect(a).toMatchObject({ name: 'image-1', size: 10 });
    expect(b.name).toBe('x.png');
  });

  it('a stream is written to a new file with its size', async () => {
    const staged = await stageMedia(Readable.from([Buffer.from('abc'), Buffer.from('defg')]), home, undefined, 'file-1');
    expect(readFileSync(staged.path, 'utf8')).toBe('abcdefg');
    expect(staged).toMatchObject({ name: 'file-1', size: 7 });
    expect(mode(staged.path)).toBe(0o600);
  });

  it('a given name is made safe: no directories, no control characters', async () => {
    const staged = await stageMedia(Buffer.from('x'), home, '../../etc/passwd\u0000', 'file-1');
    expect(staged.name).not.toMatch(/[/\\\u0000]/);
  });
});

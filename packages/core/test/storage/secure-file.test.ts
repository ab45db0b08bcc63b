import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, readJsonFile, writePrivateFileAtomic } from '../../src/storage/secure-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wxbot-secure-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

describe('ensurePrivateDir', () => {
  it('creates nested directories 0700 and tightens an existing one', async () => {
    const nested = path.join(dir, 'a', 'b');
    await ensurePrivateDir(nested);
    expect(mode(nested)).toBe(0o700);
    const open = path.join(dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    await ensurePrivateDir(open);
    expect(mode(open)).toBe(0o700);
  });
});

describe('writePrivateFileAtomic', () => {
  it('writes 0600, replaces the old content whole and leaves no temporary file', async () => {
    const file = path.join(dir, 'session.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    await writePrivateFileAtomic(file, '{"v":1}');
    expect(await readJsonFile(file)).toEqual({ v: 1 });
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['session.json']);
  });

  it('creates a missing directory 0700', async () => {
    const file = path.join(dir, 'home', 'plugins', 'x.json');
    await writePrivateFileAtomic(file, '[]');
    expect(mode(path.join(dir, 'home', 'plugins'))).toBe(0o700);
    expect(await readJsonFile(file)).toEqual([]);
  });

  it('with durable, syncs the data before the rename', async () => {
    const file = path.join(dir, 'state.json');
    const synced: number[] = [];
    await writePrivateFileAtomic(file, '{"d":true}', { syncData: async (fd) => void synced.push(fd) });
    expect(synced).toHaveLength(1);
    expect(await readJsonFile(file)).toEqual({ d: true });
  });

  it('a failed rename removes the temporary file and reports the error', async () => {
    const target = path.join(dir, 'is-a-dir');
    mkdirSync(path.join(target, 'child'), { recursive: true });
    await expect(writePrivateFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['is-a-dir']);
  });

  it('a failed durable sync leaves the old file and closes the handle', async () => {
    const file = path.join(dir, 'keep.json');
    writeFileSync(file, '{"old":1}');
    await expect(writePrivateFileAtomic(file, '{"new":1}', { syncData: () => Promise.reject(new Error('EIO')) })).rejects.toThrow('EIO');
    expect(await readJsonFile(file)).toEqual({ old: 1 });
  });
});

describe('readJsonFile', () => {
  it('undefined for a missing file; throws for bad JSON', async () => {
    expect(await readJsonFile(path.join(dir, 'none.json'))).toBeUndefined();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{');
    await expect(readJsonFile(bad)).rejects.toThrow(SyntaxError);
  });
});

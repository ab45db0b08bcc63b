import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localMediaPath } from '../../src/media/media-stash';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wxbot-stash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('localMediaPath', () => {
  let fetched: string[];
  const fetchStashed = async (key: string) => (fetched.push(key), path.join(dir, `from-stash-${key}`));
  beforeEach(() => {
    fetched = [];
  });

  it('the staged file when it is here with its size', async () => {
    const file = path.join(dir, 'staged');
    writeFileSync(file, '12345');
    expect(await localMediaPath({ path: file, name: 'a', size: 5, stash: 'k1' }, fetchStashed)).toBe(file);
    expect(fetched).toEqual([]);
  });

  it("the stash's copy when the file is missing or not the one staged (another machine)", async () => {
    const file = path.join(dir, 'staged');
    expect(await localMediaPath({ path: file, name: 'a', size: 5, stash: 'k1' }, fetchStashed)).toBe(path.join(dir, 'from-stash-k1'));
    writeFileSync(file, '123');
    expect(await localMediaPath({ path: file, name: 'a', size: 5, stash: 'k2' }, fetchStashed)).toBe(path.join(dir, 'from-stash-k2'));
    expect(fetched).toEqual(['k1', 'k2']);
  });

  it('the staged path as it is without a stash key or a stash', async () => {
    expect(await localMediaPath({ path: '/nowhere', name: 'a', size: 1 }, fetchStashed)).toBe('/nowhere');
    expect(await localMediaPath({ path: '/nowhere', name: 'a', size: 1, stash: 'k' }, undefined)).toBe('/nowhere');
  });
});

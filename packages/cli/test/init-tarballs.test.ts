import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tarballSpecs } from '../src/commands/init';

// `wxbot init --tarballs DIR`: which package each packed file holds (by the names npm and pnpm
// give tarballs), as file: specs relative to the project. Real files in a temporary directory.
describe('tarballSpecs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-tarballs-'));
  const packs = path.join(dir, 'packs');
  const project = path.join(dir, 'work', 'my-bot');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps wxbot-<name>-<version>.tgz to @wxbot/<name>, the newest version winning, relative to the project', () => {
    mkdirSync(packs);
    const plugins = ['echo', 'keyword', 'auto-reply', 'friend-accept', 'room-welcome'];
    for (const f of ['wxbot-0.1.0.tgz', 'wxbot-core-0.1.0.tgz', 'wxbot-core-0.10.0.tgz', 'wxbot-core-0.9.0.tgz', 'wxbot-testkit-0.1.0-beta.1.tgz', ...plugins.map((p) => `wxbot-plugin-${p}-0.1.0.tgz`), 'other-1.0.0.tgz', 'notes.txt']) {
      writeFileSync(path.join(packs, f), '');
    }
    expect(tarballSpecs(packs, project)).toEqual({
      wxbot: 'file:../../packs/wxbot-0.1.0.tgz',
      '@wxbot/core': 'file:../../packs/wxbot-core-0.10.0.tgz',
      '@wxbot/testkit': 'file:../../packs/wxbot-testkit-0.1.0-beta.1.tgz',
      ...Object.fromEntries(plugins.map((p) => [`@wxbot/plugin-${p}`, `file:../../packs/wxbot-plugin-${p}-0.1.0.tgz`])),
    });
  });

  it('names the missing package and how to pack it', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'wxbot-0.1.0.tgz'), '');
    expect(() => tarballSpecs(empty, project)).toThrow(/--tarballs .*empty: no tarball of @wxbot\/core there \(looked for wxbot-core-<version>\.tgz\)\. Fix: pnpm -r pack --pack-destination/);
    expect(() => tarballSpecs(path.join(dir, 'nope'), project)).toThrow(/--tarballs .*nope: no such directory/);
  });
});

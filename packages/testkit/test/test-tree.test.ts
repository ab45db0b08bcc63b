import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkTestTree, mirroredTestPath, unmirroredModules, type TestTreeExemptions } from '../src/test-tree';

describe('test tree mirroring', () => {
  let dir: string;
  const touch = (rel: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), '');
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-test-tree-'));
    for (const f of ['src/index.ts', 'src/a.ts', 'src/x/y.ts', 'src/x/z.ts', 'src/types/shim.d.ts', 'src/notes.md']) touch(f);
    for (const f of ['test/a.test.ts', 'test/z.test.ts', 'test/x/y.spec.ts']) touch(f);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists modules without test/x/y.test.ts, sorted, ignoring .d.ts and non-TypeScript files', () => {
    // test/z.test.ts does not mirror src/x/z.ts, and a .spec.ts is not a .test.ts
    expect(unmirroredModules(dir)).toEqual(['src/index.ts', 'src/x/y.ts', 'src/x/z.ts']);
    touch('test/x/y.test.ts');
    expect(unmirroredModules(dir)).toEqual(['src/index.ts', 'src/x/z.ts']);
  });

  it('leaves exempt modules out and reports exemptions that went stale', () => {
    const exempt = { 'src/index.ts': 'barrel', 'src/a.ts': 'has a test now', 'src/gone.ts': 'deleted module', 'src/x/z.ts': ' ' };
    expect(checkTestTree(dir, { exempt })).toEqual({ unmirrored: ['src/x/y.ts'], staleExemptions: ['src/a.ts', 'src/gone.ts', 'src/x/z.ts'] });
  });

  it('maps a module to its mirrored test path and refuses paths outside src/', () => {
    expect(mirroredTestPath('src/http/client.ts')).toBe('test/http/client.test.ts');
    expect(() => mirroredTestPath('lib/a.ts')).toThrow('not a module under src/: lib/a.ts');
  });
});

// This package's own tree. A module without its mirrored test needs a reason here; a reason
// that no longer holds fails the test too.
const exempt: TestTreeExemptions = {
  'src/index.ts': 'barrel: re-exports only',
  'src/types.ts': 'types only (TestBot, Incoming, Reply); no runtime code',
};

describe('testkit test tree', () => {
  it('has a mirrored test for every module not exempt, and no stale exemption', () => {
    expect(checkTestTree(path.join(__dirname, '..'), { exempt })).toEqual({ unmirrored: [], staleExemptions: [] });
  });
});

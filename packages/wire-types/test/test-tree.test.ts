import path from 'node:path';
// The module itself, not the @wxbot/testkit barrel: the barrel loads core and the simulator (~3 s).
import { checkTestTree, type TestTreeExemptions } from '../../testkit/src/test-tree';

// Tests mirror the source tree (test/x/y.test.ts for src/x/y.ts). A module without its mirrored
// test needs a reason here; a reason that no longer holds fails the test too.
const exempt: TestTreeExemptions = {
  'src/index.ts': 'types only (the wire format); no runtime code to test, tsc checks its users',
};

describe('wire-types test tree', () => {
  it('has a mirrored test for every module not exempt, and no stale exemption', () => {
    expect(checkTestTree(path.join(__dirname, '..'), { exempt })).toEqual({ unmirrored: [], staleExemptions: [] });
  });
});

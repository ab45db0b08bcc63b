import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryState, MemoryStateStore, StateLog, type StateStore } from '@wxbot/core/internals';
import { stateStoreChecks, type StateStoreHarness } from '@wxbot/testkit';

// One suite of the StateStore semantics, run against every implementation (a Redis store plugs
// into the same checks).

describe('StateStore conformance: the state log (file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wxbot-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const harness: StateStoreHarness = {
    fresh: () => new StateLog(path.join(dir, 'state.log'), { onError: (err) => { throw err; } }),
    reopen: (store) => new StateLog((store as StateLog).file, { onError: (err) => { throw err; } }),
    kill: (store) => (store as StateLog).kill(),
  };
  for (const check of stateStoreChecks) it(check.name, () => check.run(harness));
});

describe('StateStore conformance: in memory', () => {
  const harness: StateStoreHarness = {
    fresh: () => new MemoryStateStore(new MemoryState()),
    reopen: (store: StateStore) => new MemoryStateStore((store as MemoryStateStore).state),
    kill: (store) => (store as MemoryStateStore).kill(),
  };
  for (const check of stateStoreChecks) it(check.name, () => check.run(harness));
});

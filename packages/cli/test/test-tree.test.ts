import path from 'node:path';
// The module itself, not the @wxbot/testkit barrel: the barrel loads core and the simulator (~3 s).
import { checkTestTree, type TestTreeExemptions } from '../../testkit/src/test-tree';

// Tests mirror the source tree (test/x/y.test.ts for src/x/y.ts); the *.process.test.ts suites at
// the top run the real `wxbot` binary end to end. A module without its mirrored test needs a
// reason here; a reason that no longer holds fails the test too.
const exempt: TestTreeExemptions = {
  'src/index.ts': 'barrel: re-exports only (the `wxbot` package: defineConfig and the config types)',
  'src/config/index.ts': 'barrel: re-exports only',
  'src/logging/index.ts': 'barrel: re-exports only',
  'src/qr/index.ts': 'barrel: re-exports only',
  'src/config/types.ts': 'types only (the config file format); test/config/schema.test.ts checks the shape at runtime',
  'src/config/types-engine.ts': 'types only (the engine part of the config); test/config-parity.test.ts keeps it in step with BotOptions',
  'src/commands/usage.ts': 'constants only (the usage texts); test/cli-doc.test.ts keeps docs/cli.md in step with them, test/bin.process.test.ts prints them',
  'src/commands/record-usage.ts': 'constants only (usage texts of record and replay); test/cli-doc.test.ts',
  'src/commands/cli-error.ts': 'an Error subclass with a fixed name, no logic; test/bin.process.test.ts sees the binary print it without a stack',
  // Pending a focused test: each is exercised today by the suites named.
  'src/bin.ts': 'pending: the wxbot binary (command dispatch, exit codes), test/bin.process.test.ts and every *.process.test.ts',
  'src/commands/start.ts': 'pending: wxbot start, test/start-sim.process.test.ts, test/commands/sim-scenario.test.ts, test/config-parity.test.ts (botOptions)',
  'src/commands/start-api.ts': 'pending: wxbot start --api, test/start-api.process.test.ts',
  'src/commands/watch.ts': 'pending: wxbot start --watch, test/watch.process.test.ts',
  'src/commands/init.ts': 'pending: wxbot init, test/init.process.test.ts and test/init-tarballs.test.ts',
  'src/commands/record.ts': 'pending: wxbot record, test/record-replay.process.test.ts',
  'src/commands/test-command.ts': "pending: wxbot test, test/init.process.test.ts (the new project's npm test)",
  'src/commands/ts-hook.ts': 'pending: the TypeScript require hook of wxbot test, test/init.process.test.ts and test/doc-samples.process.test.ts',
  'src/config/load-module.ts': 'pending: loading .ts/.js/.cjs/.mjs configs, test/config/find-config.test.ts and test/plain-node.test.ts (real Node: under jest its require and import() are jest\'s own)',
  'src/fleet/fleet-store.ts': 'pending: the FleetStore contract (isLiveWorker, isAccountName), test/fleet/file-fleet-store.test.ts and test/fleet/redis-fleet-store.test.ts',
};

describe('cli test tree', () => {
  it('has a mirrored test for every module not exempt, and no stale exemption', () => {
    expect(checkTestTree(path.join(__dirname, '..'), { exempt })).toEqual({ unmirrored: [], staleExemptions: [] });
  });
});

// @wxbot/testkit: test wxbot plugins in process, or over HTTP against the simulator.
export { createTestBot, defaultMode } from './create-test-bot';
export { repliesOf, repliesWith } from './replies-of';
export type { AddressBookOptions, FromOptions, Incoming, Reply, TestBot, TestBotMode, TestBotOptions, TextOptions } from './types';
export type { Scenario, ScenarioGroup, ScenarioPerson } from '@wxbot/simulator';
export { stateStoreChecks } from './state-store-conformance';
export type { StateStoreCheck, StateStoreHarness } from './state-store-conformance';
export { replay, readRecording } from './replay/replay';
export type { ReplayAction, ReplayOptions, ReplayResult } from './replay/replay';
export { Recorder, RECORDING_VERSION } from './replay/recording';
export type { RecordingLine, RecordedStore } from './replay/recording';
export { compareGolden, formatGolden, readGolden } from './replay/golden';
export type { GoldenComparison } from './replay/golden';
export { findRedisServer, startRedisServer, redisSuiteTitle, REDIS_INSTALL_HINT } from './redis-server';
export type { RedisServer, RedisServerOptions } from './redis-server';
export { checkTestTree, mirroredTestPath, unmirroredModules } from './test-tree';
export type { TestTreeExemptions, TestTreeOptions, TestTreeReport } from './test-tree';
export { findRedisCli, redisCli, startRedisSentinelGroup, startRedisCluster } from './redis-ha';
export type { RedisSentinel, RedisSentinelGroup, RedisSentinelGroupOptions, RedisClusterGroup } from './redis-ha';

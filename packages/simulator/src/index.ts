/**
 * @wxbot/simulator: a faithful offline simulator of the Web WeChat (webwx)
 * servers, routed by Host header. See README.md.
 */
export { startSimulator, type Simulator, type SimAccount } from './simulator';
export { accountScenario } from './accounts/account-scenario';
export type { AccountSpec } from './accounts/account-set';
export type { SimulatorOptions } from './options';
export type { SentRecord, OutgoingFriendRequest } from './core';
export type { UploadRecord } from './media/upload-records';
export type { JoinInput, LeaveInput } from './contacts/group-ops';
export type { SimState, PersonState, GroupState } from './state';
export { FAULT_TYPES, REQUEST_KINDS, type FaultSpec, type FaultType, type RequestKind } from './faults';
export type { InjectInput, InjectedMessage } from './messages/inject';
export { SimulatorError } from './errors';
export { demoScenario } from './scenario/demo';
export { generateScenario, type GenerateOptions } from './scenario/generate';
export { loadScenarioFile, assertScenario } from './scenario/load';
export type { Scenario, ScenarioPerson, ScenarioSelf, ScenarioGroup, ScenarioOfficialAccount } from './scenario/types';
export { deriveHosts, MAIN_HOSTS, type HostFamily } from './hosts';

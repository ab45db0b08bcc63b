// @wxbot/core/internals: the engine's parts, for @wxbot/testkit, the CLI, bench and tests. Not a
// stable API: bot and plugin authors import '@wxbot/core'.
export * from './index';

// Messages
export { SUB_MSG_TYPE_LOCATION, messageKindOf } from './message/message-kind';
export type { KindFields } from './message/message-kind';
export { decodeName, decodeEntities, decodeEmoji } from './util/decode-text';
export { splitGroupPrefix } from './message/group-prefix';
export type { GroupPrefixSplit } from './message/group-prefix';
export { parseMessage } from './message/parse-message';
export type { MessageEnv } from './message/parse-message';
export { normaliseWire } from './message/normalise-wire';
export { DedupeWindow } from './message/dedupe-window';
export { parseSystemNotice } from './events/system-text';

// Pipeline and plugins
export { hearsPredicate } from './pipeline/filters';
export type { ResultHandler } from './pipeline/compose';
export { createContext, replyTarget } from './pipeline/context';
export type { ContextInit } from './pipeline/context';
export { createDispatcher } from './pipeline/dispatcher';
export type { Dispatcher, DispatcherOptions, DispatchErrorInfo, PluginChain } from './pipeline/dispatcher';
export { isOutgoing, isMediaOutgoing, mediaKindOf } from './pipeline/outgoing';
export { PluginHost } from './plugin/plugin-host';
export type { PluginHostOptions } from './plugin/plugin-host';
export { describeIssue, pluginOptionsError } from './plugin/options-error';

// Contacts
export { ContactStore } from './contacts/contact-store';
export { IdentityIndex, IDENTITIES_SECTION, SELF_STABLE_ID, type IdentityRecord, type Resolution, type UnresolvedReason } from './contacts/identity-index';
export { groupSource, personSource, pairStatusLists, type IdentitySource } from './contacts/identity-match';
export { Retargeter, rewriteUserNames, type UnresolvedPolicy } from './bot/retarget';
export { classifyContact, isSpecialUserName, ContactFlag } from './contacts/classify';

// Engine: receive path, sends, outbox
export { applyBatch, readMessages } from './bot/batch-handler';
export type { AppliedBatch, ReadMessages } from './bot/batch-handler';
export { SyncLoop } from './session/sync-loop';
export type { SyncLoopOptions, SyncLoopEnd } from './session/sync-loop';
export { MessageScheduler } from './bot/message-scheduler';
export { EXECUTORS, registerActionKinds, submitTo } from './bot/action-kinds';
export type { ActionKinds, ActionKind, ActionOf, Submit } from './bot/action-kinds';
// Outgoing surface (issue 18): how a received message is forwarded (testkit records forwards the same way).
export { forwardPayloadOf } from './bot/forward';
export type { ForwardPayload } from './bot/forward';
export { ReliableOutbox } from './outbox/reliable-outbox';
export type { ReliableOutboxInit } from './outbox/reliable-outbox';
export type { Outbox, OutboxAction, Executor, ExecutorContext } from './outbox/types';
export type { Clock } from './outbox/clock';
export { classifyFailure } from './outbox/failure';
// The safety governor's parts (docs/safety.md): the CLI validates cap names against CAP_GROUPS.
export { CAP_GROUPS, DEFAULT_GOVERNOR_CAPS, capNamesOf } from './outbox/governor/daily-caps';
export { DEFAULT_PACING, typingDelayMs } from './outbox/governor/pacing';
export type { FailureClass } from './outbox/failure';
export type { OutboxState, StoredAction, StoredOutcome } from './outbox/outbox-store';

// State
export { StateLog } from './storage/state-log';
// The group-commit scheduling of the state log, shared with @wxbot/store-redis's store.
export { GroupCommit, type CommitGroup, type CommitWaiter } from './storage/group-commit';
export type { StateLogOptions } from './storage/state-log';
export { MemoryState } from './storage/memory-store';
export { checkSectionName } from './storage/state-store';
export { SessionStore } from './storage/session-store';
export type { SavedSession } from './storage/session-store';
export { InboxJournal } from './storage/journal';
export type { JournalEntry } from './storage/journal';
export { readSavedState } from './bot/saved-state';
export type { SavedState } from './bot/saved-state';
export { RECENT_ID_CAPACITY } from './limits';
export { closestName } from './util/did-you-mean';

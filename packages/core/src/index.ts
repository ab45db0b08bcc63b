// Public API of @wxbot/core.

// Errors
export * from './errors/wxbot-error';

// Contacts (types)
export * from './contacts/types';

// Messages
export * from './message/types';
export { MsgType, AppMsgType, SUB_MSG_TYPE_LOCATION, messageKindOf } from './message/message-kind';
export type { KindFields } from './message/message-kind';
export { decodeText, decodeName, decodeEntities, decodeEmoji } from './message/decode-text';
export { splitGroupPrefix, isGroupId } from './message/group-prefix';
export type { GroupPrefixSplit } from './message/group-prefix';
export { parseMentions, removeMentions, selfMentionNames, textWithoutSelfMention } from './message/mentions';
export type { MentionOptions, MentionScan } from './message/mentions';
export { parseMessage } from './message/parse-message';
export type { MessageEnv } from './message/parse-message';

// Pipeline
export * from './pipeline/types';
export { compose } from './pipeline/compose';
export type { ComposedMiddleware, ResultHandler } from './pipeline/compose';
export { compileFilter, hearsPredicate, filtered } from './pipeline/filters';
export type { MessagePredicate } from './pipeline/filters';
export { createContext, replyTarget } from './pipeline/context';
export type { ContextInit } from './pipeline/context';
export { createDispatcher } from './pipeline/dispatcher';
export type { Dispatcher, DispatcherOptions, DispatchErrorInfo, PluginChain } from './pipeline/dispatcher';

// Plugins
export * from './plugin/types';
export { definePlugin } from './plugin/define-plugin';
export { PluginHost } from './plugin/plugin-host';
export type { PluginEntry, PluginHostOptions } from './plugin/plugin-host';
export { describeIssue, pluginOptionsError } from './plugin/options-error';

// Engine (session, contacts store, Bot)
export { Bot } from './bot/bot';
export type { BotOptions } from './bot/bot-options';
export type { BotEvents, BotState, LoginMethod, LogoutEvent } from './bot/bot-events';
export { describeLogout } from './bot/bot-events';
export { ContactStore } from './contacts/contact-store';
export { classifyContact, isGroupUserName, isSpecialUserName, ContactFlag } from './contacts/classify';
export type { ContactProgress } from './session/contact-loader';
export { SessionStore } from './storage/session-store';
export type { SavedSession } from './storage/session-store';
export { StateLog } from './storage/state-log';
export type { StateLogOptions } from './storage/state-log';
export { readSavedState } from './storage/saved-state';
export type { SavedState } from './storage/saved-state';
export type { OutboxState, StoredAction, StoredOutcome } from './outbox/outbox-store';
export { DedupeWindow } from './message/dedupe-window';
export type { Outbox, OutboxAction, Executor, ExecutorContext } from './outbox/types';
export { parseSystemNotice } from './events/system-text';
export type { SystemNotice, NameRef } from './events/system-text';
export type { RoomJoinEvent, RoomLeaveEvent, RoomTopicEvent, ContactChangeEvent } from './events/change-events';
export type { FriendshipEvent } from './bot/bot-events';
export { ReliableOutbox } from './outbox/reliable-outbox';
export type { ReliableOutboxInit } from './outbox/reliable-outbox';
export type { OutboxOptions, OutboxLimits } from './outbox/options';
export type { RateLimit } from './outbox/rate-limiter';
export type { Clock } from './outbox/clock';
export { withIdempotencyScope } from './outbox/idempotency';
export { classifyFailure } from './outbox/failure';
export type { FailureClass } from './outbox/failure';
export { InboxJournal } from './storage/journal';
export type { JournalEntry } from './storage/journal';
export type { FriendActions, RoomActions } from './bot/bot-actions';
export { isOutgoing, isMediaOutgoing, mediaKindOf } from './pipeline/outgoing';
export type { PluginStorage } from './storage/plugin-storage';

// @wxbot/core: what bot and plugin authors use. Engine parts (for testkit, bench, other packages
// and tests) are in '@wxbot/core/internals'.

// The bot, plugins, errors
export { Bot } from './bot/bot';
export type { BotOptions } from './bot/bot-options';
export type { BotEvents, BotState, LoginMethod, LogoutEvent, FriendshipEvent } from './events/bot-events';
export { describeLogout } from './events/bot-events';

export { definePlugin } from './plugin/define-plugin';
export * from './plugin/types';
export type { PluginEntry } from './plugin/plugin-host';
export { canary } from './plugin/canary';
export type { CanaryOptions } from './plugin/canary';
export type { DryRunAction, DryRunLog } from './bot/dry-run';
export type { PluginStorage } from './storage/plugin-storage';
export type { MediaStash } from './media/media-stash';
export type { StagedMedia } from './media/stage-media';
export * from './errors/wxbot-error';

// Messages, contacts and events (types), and the helpers plugins use on them
export * from './message/types';
export * from './contacts/types';
export type { IdentityConfidence } from './contacts/identity-match';
export type { UnresolvedItemEvent } from './events/bot-events';
export type { RoomJoinEvent, RoomLeaveEvent, RoomTopicEvent, ContactChangeEvent } from './events/change-events';
export type { SystemNotice, NameRef } from './events/system-text';

export { MsgType, AppMsgType } from './message/message-kind';
export { decodeText } from './util/decode-text';
export { parseMentions, removeMentions, selfMentionNames, textWithoutSelfMention } from './message/mentions';
export type { MentionOptions, MentionScan } from './message/mentions';
export { isGroupUserName } from './contacts/classify';

// Middleware
export * from './pipeline/types';
export { compose } from './pipeline/compose';
export type { ComposedMiddleware } from './pipeline/compose';
export { filtered, compileFilter } from './pipeline/filters';
export type { MessagePredicate } from './pipeline/filters';

// Sending and state
export { withIdempotencyScope } from './outbox/idempotency';
export type { OutboxOptions, OutboxLimits, BroadcastOptions } from './outbox/options';
export type { Governor, GovernorOptions, GovernorStatus } from './outbox/governor/governor';
export type { QuietHoursOptions, QuietWindow } from './outbox/governor/quiet-hours';
export type { PacingOptions } from './outbox/governor/pacing';
export type { BroadcastReport } from './bot/broadcast';
export type { RateLimit } from './outbox/rate-limiter';
export type { StateStore, SectionRecords, SectionRecord, SnapshotProvider } from './storage/state-store';
export { MemoryStateStore } from './storage/memory-store';
export type { Durability } from './storage/state-log';

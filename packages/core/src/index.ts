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
export { parseMentions, removeMentions } from './message/mentions';
export type { MentionOptions, MentionScan } from './message/mentions';
export { parseMessage } from './message/parse-message';
export type { MessageEnv } from './message/parse-message';

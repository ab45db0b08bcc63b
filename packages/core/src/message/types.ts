import type { WireMessage } from '@wxbot/wire-types';

/** What a message is (derived from MsgType, AppMsgType and SubMsgType; docs/protocol.md 7.2). */
export type MessageKind =
  | 'text'
  | 'image'
  | 'voice'
  | 'video'
  | 'emoticon'
  | 'file'
  | 'link'
  | 'card'
  | 'location'
  | 'friend-request'
  | 'recall'
  | 'system'
  | 'status'
  | 'unknown';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'text',
  'image',
  'voice',
  'video',
  'emoticon',
  'file',
  'link',
  'card',
  'location',
  'friend-request',
  'recall',
  'system',
  'status',
  'unknown',
];

/** Where a message was said: a one-to-one chat or a group. */
export interface ChatRef {
  /** UserName of the chat: the other party for one-to-one chats, `@@...` for groups. */
  readonly id: string;
  readonly kind: 'friend' | 'group' | 'official' | 'special' | 'stranger' | 'self';
  /** Display name of the chat (contact name or group topic). */
  readonly name: string;
}

/** Who said it. In groups: the member from the `@id:<br/>` prefix. */
export interface SenderRef {
  readonly id: string;
  /** Best display name (remark, group display name, nickname; '' if unknown). */
  readonly name: string;
}

/** Media details for image, voice, video, emoticon and file messages. */
export interface MediaInfo {
  /**
   * For files: the sender's file name made safe to use as one path segment (base name only, no
   * control or bidirectional characters, Windows device names avoided, at most 200 UTF-8 bytes,
   * a sane extension kept; docs/security.md); otherwise ''.
   */
  readonly fileName: string;
  /** For files: the file name exactly as the server sent it (untrusted: never a path); otherwise ''. */
  readonly rawFileName: string;
  /** Bytes, when the server says (files). */
  readonly size?: number;
  readonly mediaId: string;
  readonly width?: number;
  readonly height?: number;
  /** Voice: ms. Video: s. */
  readonly duration?: number;
  /** Emoticons: md5 of the sticker (for re-sending), when given. */
  readonly md5?: string;
}

/** MsgType 49 details (links, files, mini-programs...). */
export interface AppInfo {
  readonly appMsgType: number;
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly fileName?: string;
  readonly fileSize?: number;
  readonly fileExt?: string;
  readonly appName?: string;
  /** Mini-programs (AppMsgType 33): which one and which page. */
  readonly miniProgram?: { readonly appId: string; readonly userName: string; readonly pagePath: string };
  /** Quoted replies (AppMsgType 57): the message being answered. */
  readonly quote?: QuoteInfo;
}

/** The message a quoted reply answers. */
export interface QuoteInfo {
  /** MsgId of the quoted message ('' when the server left it out). */
  readonly msgId: string;
  /** Its MsgType (1 for text). */
  readonly type: number;
  /** Who wrote it, as the quoting client displayed them. */
  readonly senderName: string;
  /** Its text (for non-text messages, what the client shows instead). */
  readonly text: string;
}

export interface FriendRequestInfo {
  /** Temporary UserName of the requester (pass to accept). */
  readonly userName: string;
  readonly nickName: string;
  /** The greeting the requester wrote. */
  readonly greeting: string;
  /** Ticket needed to accept or reject (webwxverifyuser VerifyUserTicket). */
  readonly ticket: string;
  /** How the requester found the account (`RecommendInfo.Scene`; the sample of a request from a group says 14). */
  readonly scene: number;
  /**
   * The group the requester found the account in: its lasting id (`<n>@chatroom`, the XML's
   * `chatroomusername`), '' when the request did not come from a group. Not a session UserName
   * (`@@…`): it stays the same across logins, so it can be stored.
   */
  readonly roomId: string;
}

export interface RecallInfo {
  /** MsgId of the revoked message ('0' means the last message you sent). */
  readonly revokedId: string;
  readonly notice: string;
}

export interface LocationInfo {
  readonly address: string;
  readonly url: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface CardInfo {
  readonly userName: string;
  readonly nickName: string;
  readonly alias: string;
  readonly isOfficial: boolean;
}

/** MsgType 51 details. */
export interface StatusInfo {
  /** StatusNotifyCode: 1 read, 2 entered chat, 4 sync conversations, 5 left chat. */
  readonly code: number;
  /** StatusNotifyUserName split on commas. */
  readonly userNames: readonly string[];
  /**
   * Code 4 only: the permanent ids (`wxid_…`, `…@chatroom`, `gh_…`) from Content's `<username>`
   * list, in the same order as `userNames` (lengths can differ; docs/protocol.md 7.5). Else empty.
   */
  readonly stableIds?: readonly string[];
}

/**
 * One incoming `AddMsgList` entry, normalised and immutable (frozen).
 * Text is unescaped, `<br/>` are newlines, emoji spans are Unicode, and in groups the
 * `@sender:<br/>` prefix is split off into `sender`.
 */
export interface Message {
  /** Exact MsgId string (never NewMsgId, which JSON rounds). */
  readonly id: string;
  readonly kind: MessageKind;
  /** Wire MsgType. */
  readonly type: number;
  /** Decoded text; for media kinds a short description such as '[image]'. */
  readonly text: string;
  readonly chat: ChatRef;
  readonly sender: SenderRef;
  /** Sent by this account (from this bot or from the owner's phone). */
  readonly isSelf: boolean;
  readonly isGroup: boolean;
  /** The bot is @-mentioned (by its group display name or nickname). */
  readonly mentionsSelf: boolean;
  /** Names mentioned with `@name` in the text. */
  readonly mentions: readonly string[];
  readonly createdAt: Date;
  readonly media?: MediaInfo;
  readonly app?: AppInfo;
  readonly friendRequest?: FriendRequestInfo;
  readonly recall?: RecallInfo;
  readonly location?: LocationInfo;
  readonly card?: CardInfo;
  readonly status?: StatusInfo;
  /** The wire entry as received. */
  readonly raw: WireMessage;
}

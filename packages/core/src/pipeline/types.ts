import type { Logger } from 'pino';
import type { ContactDirectory, Group } from '../contacts/types';
import type { AppInfo, CardInfo, ChatRef, FriendRequestInfo, LocationInfo, MediaInfo, Message, MessageKind, RecallInfo, StatusInfo } from '../message/types';

/** Something to send: a string is a text; objects send text with mentions, or media. */
export type Outgoing = string | OutgoingText | OutgoingMedia;

export interface OutgoingText {
  text: string;
  /** UserName of the target chat; defaults to the chat the message came from. */
  to?: string;
  /**
   * Group members (UserNames) to @-mention: `@<group name>` + U+2005 is put before the text,
   * and the msgsource the official client sends names them.
   */
  mentions?: readonly string[];
}

/** A file to send: a path, bytes, or a readable stream. */
export type MediaSource = string | Uint8Array | NodeJS.ReadableStream;

/**
 * Media to send. GIF images are sent as emoticons (as the official client does); `name`
 * defaults to the path's base name (files need one when given bytes or a stream).
 * @example ctx.reply({ image: './cat.png' }); ctx.reply({ file: buffer, name: '报告.pdf' });
 */
export type OutgoingMedia =
  | { image: MediaSource; name?: string; to?: string }
  | { file: MediaSource; name?: string; to?: string }
  | { video: MediaSource; name?: string; to?: string }
  | { emoticon: MediaSource; name?: string; to?: string };

/** Which media key an OutgoingMedia uses. */
export type OutgoingMediaKind = 'image' | 'file' | 'video' | 'emoticon';

/** How to fetch a media message. */
export interface DownloadOptions {
  /** Images: the small preview instead of the full image. */
  thumbnail?: boolean;
  signal?: AbortSignal;
  /**
   * Most bytes to accept. `download()`: default the bot's `media.maxBytes` (25 MiB).
   * `downloadTo()`: default no cap; either way more bytes than the server announced abort it.
   */
  maxBytes?: number;
}

/** A downloaded media message: the bytes and their real type (sniffed, never the server's label). */
export interface DownloadedMedia {
  readonly bytes: Buffer;
  readonly mime: string;
  /** Extension without dot ('gif', 'jpg', 'mp3', 'pdf'...); 'bin' when unknown. */
  readonly ext: string;
  /** For files the sender's name made safe as one path segment (docs/security.md), else `<MsgId>.<ext>`. */
  readonly fileName: string;
  /** For files the name exactly as the server sent it (untrusted: never use it as a path), else ''. */
  readonly rawFileName: string;
}

/** What the server said about a message we sent. */
export interface SentMessage {
  /** Server id (`MsgID` of the send response): needed to revoke. */
  readonly msgId: string;
  /** Our ClientMsgId / LocalID. */
  readonly localId: string;
  readonly to: string;
  readonly sentAt: Date;
}

/** What a handler may return: replies to send to the message's chat. */
export type HandlerResult = void | undefined | null | Outgoing | readonly Outgoing[];

/** Friend and contact operations (webwxverifyuser, webwxoplog). */
export interface FriendActions {
  /** Accept a friend request (Opcode 3 with the request's ticket). */
  accept(request: FriendRequestInfo): Promise<void>;
  /** Send a friend request (Opcode 2), e.g. to a group member. Strictly rate-limited by the server. */
  add(userName: string, greeting: string): Promise<void>;
  /** Set the remark name (CmdId 2). */
  setRemark(userName: string, remark: string): Promise<void>;
  /** Pin or unpin a chat (CmdId 3), keeping the remark (the server wipes it otherwise). */
  setPinned(userName: string, pinned: boolean): Promise<void>;
  /**
   * Opt-in: write the bot's identity tag at the end of a friend's remark (`Bobby #k3f9q2`, visible
   * on the phone), so later logins find this friend by it even when another looks the same
   * (docs/identities.md). Resolves with the tag; a friend already tagged keeps its tag.
   * @example const tag = await bot.friends.tag(bot.contacts.findContacts('Sam')[0].id);
   */
  tag(userName: string): Promise<string>;
}

/** Group operations (webwxcreatechatroom, webwxupdatechatroom). */
export interface RoomActions {
  /** Create a group with at least two other people; resolves with the new group. */
  create(userNames: readonly string[], topic?: string): Promise<Group>;
  /** Add members; uses invitemember instead of addmember once the group is large (InviteStartCount). */
  add(room: string, userNames: readonly string[]): Promise<void>;
  /** Remove members (owner only). */
  remove(room: string, userNames: readonly string[]): Promise<void>;
  rename(room: string, topic: string): Promise<void>;
  /** Leave the group. */
  quit(room: string): Promise<void>;
}

/** The actions and data a handler can use beyond the message itself. */
export interface BotApi {
  readonly contacts: ContactDirectory;
  /** Send a message to a chat by UserName. Resolves once the server accepted it. */
  send(to: string, outgoing: Outgoing): Promise<SentMessage>;
  /** Fetch the bytes of an image, voice, video, emoticon or file message. */
  download(message: Message, options?: DownloadOptions): Promise<DownloadedMedia>;
  /** Stream a media message into a file (for large files); resolves with its size and real type. */
  downloadTo(message: Message, filePath: string, options?: DownloadOptions): Promise<{ path: string; size: number; mime: string }>;
  /** Revoke a message this bot sent, within the server's 2-minute window. */
  revoke(sent: SentMessage): Promise<void>;
  /** Friend requests, remarks, pinning. */
  readonly friends: FriendActions;
  /** Create groups, add/remove members, rename, quit. */
  readonly rooms: RoomActions;
}

/**
 * One per message per plugin pass. `reply` prefills the chat the message came from.
 * @example
 * bot.use(async (ctx, next) => { if (ctx.message.text === 'ping') return 'pong'; await next(); });
 */
export interface Context<S extends Record<string, unknown> = Record<string, unknown>, M extends Message = Message> {
  /** The message; narrowed by the filter a middleware was registered with (`api.on('group:text', ...)`). */
  readonly message: M;
  readonly bot: BotApi;
  /** Shared by all middleware handling this message. */
  readonly state: S;
  /** pino child bound to the message id and the current plugin's name. */
  readonly log: Logger;
  /** Aborted when the bot stops or the handler deadline passes. */
  readonly signal: AbortSignal;
  /** Name of the plugin whose middleware is running. */
  readonly plugin: string;
  /** Send a reply to the chat the message came from. */
  reply(outgoing: Outgoing): Promise<SentMessage>;
}

export type Next = () => Promise<void>;

export type Middleware<S extends Record<string, unknown> = Record<string, unknown>, M extends Message = Message> = (
  ctx: Context<S, M>,
  next: Next,
) => HandlerResult | Promise<HandlerResult>;

/** Chat-side filters. `mentioned` means a group message that @-mentions the bot. */
export type ChatFilter = 'friend' | 'group' | 'mentioned' | 'official' | 'self';
export const CHAT_FILTERS: readonly ChatFilter[] = ['friend', 'group', 'mentioned', 'official', 'self'];

/**
 * A filter query, checked when registered: a message kind (`'text'`), a chat filter
 * (`'group'`), or both joined by a colon (`'group:text'`, `'mentioned:image'`).
 */
export type FilterQuery = MessageKind | ChatFilter | `${ChatFilter}:${MessageKind}`;

/** The fields a message of each kind always has (the parser sets them). */
export interface KindGuarantees {
  image: { readonly media: MediaInfo };
  voice: { readonly media: MediaInfo };
  video: { readonly media: MediaInfo };
  emoticon: { readonly media: MediaInfo };
  file: { readonly app: AppInfo };
  link: { readonly app: AppInfo };
  card: { readonly card: CardInfo };
  location: { readonly location: LocationInfo };
  'friend-request': { readonly friendRequest: FriendRequestInfo };
  recall: { readonly recall: RecallInfo };
  status: { readonly status: StatusInfo };
}

/** What each chat filter guarantees about a message it lets through. */
export interface ChatGuarantees {
  friend: { readonly isGroup: false; readonly chat: ChatRef & { readonly kind: 'friend' } };
  group: { readonly isGroup: true; readonly chat: ChatRef & { readonly kind: 'group' } };
  mentioned: { readonly isGroup: true; readonly mentionsSelf: true; readonly chat: ChatRef & { readonly kind: 'group' } };
  official: { readonly chat: ChatRef & { readonly kind: 'official' } };
  self: { readonly isSelf: true };
}

type OfKind<K extends MessageKind> = { readonly kind: K } & (K extends keyof KindGuarantees ? KindGuarantees[K] : unknown);

/**
 * The message type a filter query lets through, as grammY's filter queries narrow the context:
 * `MessageFor<'group:image'>` has `kind: 'image'`, `isGroup: true` and a `media` that is there.
 * @example
 * api.on('group:text', (ctx) => ctx.message.chat.kind); // 'group'
 */
export type MessageFor<Q extends FilterQuery> = Q extends `${infer C}:${infer K}`
  ? C extends ChatFilter
    ? K extends MessageKind
      ? Message & OfKind<K> & ChatGuarantees[C]
      : never
    : never
  : Q extends MessageKind
    ? Message & OfKind<Q>
    : Q extends ChatFilter
      ? Message & ChatGuarantees[Q]
      : never;

export type { Message, MessageKind };

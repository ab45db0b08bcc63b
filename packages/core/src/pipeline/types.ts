import type { Logger } from 'pino';
import type { ContactDirectory, Group } from '../contacts/types';
import type { AppInfo, CardInfo, ChatRef, FriendRequestInfo, LocationInfo, MediaInfo, Message, MessageKind, RecallInfo, StatusInfo } from '../message/types';

/** Something to send: a string is a text; objects send text with mentions, media, or a link card. */
export type Outgoing = string | OutgoingText | OutgoingMedia | OutgoingLink | OutgoingCard;

/**
 * A link (article) card: title, description, the URL it opens and a thumbnail URL, as the
 * phones show shared articles (webwxsendappmsg, AppMsgType 5). The web protocol cannot upload a
 * thumbnail: `thumbUrl` must be an http(s) address the phones can fetch.
 * @example ctx.reply({ link: { title: 'Release notes', description: 'v2.1', url: 'https://example.com/notes' } });
 */
export interface OutgoingLink {
  link: { title: string; url: string; description?: string; thumbUrl?: string };
  to?: string;
}

/**
 * A contact card. **The web protocol cannot send contact cards**: the official web client has no
 * such function and a card names the contact by its permanent WeChat id, which web sessions
 * never see. Sending one always rejects with `WXBOT_CARD_UNSUPPORTED` (so a port from another
 * framework fails loudly, not silently); forwarding a received card does too.
 */
export interface OutgoingCard {
  card: string;
  to?: string;
}

export interface OutgoingText {
  text: string;
  /** UserName of the target chat; defaults to the chat the message came from. */
  to?: string;
  /**
   * Group members to @-mention, by UserName, group alias or nickname (as `Group.member`):
   * `@<group name>` + U+2005 is put before the text, and the msgsource the official client sends
   * names their UserNames.
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

/** Which avatar to fetch (`bot.avatar(id, options)`). */
export interface AvatarOptions {
  /**
   * The group (UserName) a member who is not a contact is in: the server serves their avatar only
   * in this "member" form. Found by itself when omitted and the member is in a known group.
   */
  room?: string;
  /** The friend request or card message (its `id`) that carried this person: the form for requesters. */
  msgId?: string;
  /** The large version (`type=big`). */
  big?: boolean;
  signal?: AbortSignal;
}

/** An avatar: its bytes and real type (sniffed: the server labels every avatar image/jpeg). */
export interface Avatar {
  readonly bytes: Buffer;
  readonly mime: string;
  /** 'jpg', 'png', ... */
  readonly ext: string;
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
  /**
   * Reject a friend request (webwxverifyuser Opcode 4 with its ticket). The server forgets the
   * request: accepting it later fails with `WXBOT_SEND_FAILED` (Ret -14).
   * @example api.onEvent('friendship', (e) => (e.type === 'request' && /spam/i.test(e.request.greeting) ? e.reject() : undefined));
   */
  reject(request: FriendRequestInfo): Promise<void>;
  /**
   * Ignore a friend request: nothing goes to the server (the web protocol has no "ignore"); it
   * only leaves `pending()`. It stays open on the phone and can still be accepted or rejected.
   */
  ignore(request: FriendRequestInfo): void;
  /** The requests of this session not yet accepted, rejected or ignored, oldest first. */
  pending(): FriendRequestInfo[];
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
  /**
   * The group's announcement (群公告). The web protocol never carries it (no contact field, no
   * endpoint), so this always rejects with `WXBOT_NOT_ON_WEB`; it exists so the limit is explicit.
   */
  announcement(room: string): Promise<string>;
  /** Set the group's announcement: not possible on the web protocol (`WXBOT_NOT_ON_WEB`, nothing is sent). */
  setAnnouncement(room: string, text: string): Promise<void>;
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
  /**
   * Forward a received message to a chat by UserName, as the web client does: text, image,
   * video, file, custom sticker, location, link and mini-program, without uploading anything
   * again. Store stickers (`WXBOT_FORWARD_STORE_EMOTICON`), contact cards
   * (`WXBOT_CARD_UNSUPPORTED`), voice and system lines (`WXBOT_FORWARD_UNSUPPORTED`) cannot be;
   * media the server no longer holds fails with `WXBOT_FORWARD_MEDIA_GONE`.
   * @example await ctx.bot.forward(ctx.message, archiveRoom.id);
   */
  forward(message: Message, to: string): Promise<SentMessage>;

  /**
   * The avatar of a contact, a group (`@@…`) or a group member (UserName); a member who is not a
   * contact needs the group they are in (`{ room }`, found by itself when omitted), a requester
   * the message of the request (`{ msgId }`). No bytes from the server: `WXBOT_AVATAR_UNAVAILABLE`.
   * @example const { bytes, ext } = await ctx.bot.avatar(ctx.message.sender.id, { room: ctx.message.chat.id });
   */
  avatar(id: string, options?: AvatarOptions): Promise<Avatar>;
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
  /**
   * Forward this message to another chat (`bot.forward(ctx.message, to)`).
   * @example api.on('group:link', (ctx) => ctx.forward('filehelper'));
   */
  forward(to: string): Promise<SentMessage>;
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

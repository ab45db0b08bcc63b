import type { WireMessage } from '@wxbot/wire-types';
import type { ContactDirectory } from '../contacts/types';
import { decodeText } from '../util/decode-text';
import { deepFreeze } from './deep-freeze';
import { isGroupUserName } from '../contacts/classify';
import { splitGroupPrefix } from './group-prefix';
import { parseMentions, selfMentionNames } from './mentions';
import { MsgType, messageKindOf } from './message-kind';
import { parseAppMessage } from './parse-app-message';
import { parseCard } from './parse-card';
import { parseFriendRequest } from './parse-friend-request';
import { parseLocation } from './parse-location';
import { parseMedia } from './parse-media';
import { parseRecall } from './parse-recall';
import { parseStatus } from './parse-status';
import type { ChatRef, Message, MessageKind, SenderRef } from './types';

/** What parseMessage needs to know about the account: its id and the contact store. */
export interface MessageEnv {
  /** The logged-in account's UserName. */
  readonly selfId: string;
  readonly contacts: Pick<ContactDirectory, 'self' | 'contact' | 'group'>;
}

/** The parts of a Message that depend on its kind. */
type Details = Omit<Message, 'id' | 'kind' | 'type' | 'chat' | 'sender' | 'isSelf' | 'isGroup' | 'mentionsSelf' | 'mentions' | 'createdAt' | 'raw'>;

const PLACEHOLDER: Partial<Record<MessageKind, string>> = {
  image: '[image]',
  voice: '[voice]',
  video: '[video]',
  emoticon: '[emoticon]',
  file: '[file]',
  card: '[card]',
};
const VOIP_TYPES: ReadonlySet<number> = new Set([MsgType.VOIP, MsgType.VOIP_NOTIFY, MsgType.VOIP_INVITE]);
/** Types whose Content never carries the group sender prefix (edge case 19). */
const UNPREFIXED_TYPES: ReadonlySet<number> = new Set([MsgType.SYS, MsgType.SYS_NOTICE, MsgType.STATUS_NOTIFY]);

function stripTags(text: string): string {
  return text.replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

function chatRef(id: string, env: MessageEnv): ChatRef {
  if (isGroupUserName(id)) return { id, kind: 'group', name: env.contacts.group(id)?.name ?? '' };
  if (id === env.selfId) return { id, kind: 'self', name: env.contacts.self.name };
  const contact = env.contacts.contact(id);
  // Literal ids (filehelper, fmessage, weixin...) are special accounts; `@…` ids we do not
  // know yet are strangers until the contact store learns more.
  const kind = contact?.kind ?? (id.startsWith('@') ? 'stranger' : 'special');
  return { id, kind, name: contact?.name ?? '' };
}

/** Official display order: remark (friends) → group display name → nickname (docs/protocol.md 13.5). */
function memberName(env: MessageEnv, groupId: string, memberId: string): string {
  const contact = env.contacts.contact(memberId);
  const member = env.contacts.group(groupId)?.member(memberId);
  return contact?.remarkName || member?.displayName || member?.nickName || contact?.name || '';
}

function details(kind: MessageKind, wire: WireMessage, body: string): Details {
  const decoded = decodeText(body);
  switch (kind) {
    case 'text':
      if (wire.MsgType === MsgType.APP) {
        // A quoted reply: the reply is the title, the quoted message is in app.quote.
        const { app } = parseAppMessage(decoded, wire);
        return { text: app.title, app };
      }
      return { text: decoded };
    case 'link':
    case 'file': {
      const { app, media } = parseAppMessage(decoded, wire);
      return { text: kind === 'link' ? app.title : PLACEHOLDER.file ?? '', app, ...(media ? { media } : {}) };
    }
    case 'image':
    case 'voice':
    case 'video':
    case 'emoticon':
      return { text: PLACEHOLDER[kind] ?? '', media: parseMedia(kind, decoded, wire) };
    case 'card':
      return { text: PLACEHOLDER.card ?? '', card: parseCard(decoded, wire) };
    case 'friend-request': {
      const friendRequest = parseFriendRequest(decoded, wire);
      return { text: friendRequest.greeting, friendRequest };
    }
    case 'location': {
      const location = parseLocation(body, wire);
      return { text: location.address, location };
    }
    case 'recall': {
      const recall = parseRecall(decoded);
      return { text: recall.notice, recall };
    }
    case 'status':
      return { text: '', status: parseStatus(decoded, wire) };
    case 'system':
      if (VOIP_TYPES.has(wire.MsgType)) return { text: '[call]' };
      if (wire.MsgType === MsgType.APP) {
        const { app } = parseAppMessage(decoded, wire);
        return { text: app.title || '[app]', app };
      }
      return { text: stripTags(decoded).trim() };
    case 'unknown':
      return { text: decoded.trimStart().startsWith('<') ? '' : decoded };
  }
}

/**
 * Turns one `AddMsgList` entry into an immutable {@link Message}.
 *
 * - `chat`: the group for group messages; for messages this account sent (`FromUserName` is
 *   self or '') the `ToUserName`, otherwise the `FromUserName`.
 * - `sender`: in groups, the member from the `@id:<br/>` prefix (name: remark → group display
 *   name → nickname); a group line without prefix (system) is attributed to the group itself.
 *   For friend requests, the requester.
 * - `mentionsSelf` is only ever true for group messages from others.
 * - VoIP (50/52/53) and SYSNOTICE (9999) are kind 'system'; unknown types are 'unknown'.
 * - The result and everything in it, including a copy of the wire entry as `raw`, is frozen.
 * @example
 * const message = parseMessage(entry, { selfId: self.id, contacts });
 * if (message.kind === 'text' && message.mentionsSelf) await bot.send(message.chat.id, 'yes?');
 */
export function parseMessage(wire: WireMessage, env: MessageEnv): Message {
  const content = wire.Content ?? '';
  const isSelf = wire.FromUserName === env.selfId || wire.FromUserName === '';
  const chat = chatRef(isSelf ? wire.ToUserName : wire.FromUserName, env);
  const isGroup = chat.kind === 'group';
  const kind = messageKindOf(wire);
  const split = isGroup && !isSelf && !UNPREFIXED_TYPES.has(wire.MsgType) ? splitGroupPrefix(content) : { body: content };
  const parts = details(kind, wire, split.body);

  let sender: SenderRef;
  if (isSelf) sender = { id: env.selfId, name: env.contacts.self.name };
  else if (isGroup && split.senderId) sender = { id: split.senderId, name: memberName(env, chat.id, split.senderId) };
  else if (parts.friendRequest) sender = { id: parts.friendRequest.userName, name: parts.friendRequest.nickName };
  else sender = { id: chat.id, name: chat.name };

  const scan = kind === 'text' && parts.text.includes('@') ? scanMentions(parts.text, env, chat.id, isGroup) : undefined;
  const message: Message = {
    id: String(wire.MsgId),
    kind,
    type: wire.MsgType,
    chat,
    sender,
    isSelf,
    isGroup,
    mentionsSelf: Boolean(scan?.mentionsSelf) && isGroup && !isSelf,
    mentions: scan?.mentions ?? [],
    createdAt: new Date((wire.CreateTime ?? 0) * 1000),
    ...parts,
    // A copy (the caller's entry stays unfrozen); only these two fields nest objects.
    raw: { ...wire, RecommendInfo: { ...wire.RecommendInfo }, AppInfo: { ...wire.AppInfo } },
  };
  return freezeMessage(message);
}

/**
 * deepFreeze, minus its walk over `raw`'s ~40 scalar fields: `raw` is a fresh copy whose nested
 * objects are one level deep (RecommendInfo, AppInfo). Half the cost, on every message.
 */
function freezeMessage(message: Message): Message {
  for (const key in message) {
    const value = (message as unknown as Record<string, unknown>)[key];
    if (key !== 'raw' && value !== null && typeof value === 'object') deepFreeze(value);
  }
  const raw = message.raw as unknown as Record<string, unknown>;
  for (const key in raw) {
    const value = raw[key];
    if (value !== null && typeof value === 'object') deepFreeze(value);
  }
  Object.freeze(raw);
  return Object.freeze(message);
}

// Groups are immutable snapshots (replaced on every change), so a WeakMap keyed by the object
// caches each one's member names exactly as long as that snapshot lives.
const memberNames = new WeakMap<object, readonly string[]>();

function knownNamesOf(group: { members: readonly { displayName: string; nickName: string }[] } | undefined): readonly string[] {
  if (!group) return [];
  let names = memberNames.get(group);
  if (!names) {
    names = group.members.flatMap((m) => [m.displayName, m.nickName]);
    memberNames.set(group, names);
  }
  return names;
}

function scanMentions(text: string, env: MessageEnv, chatId: string, isGroup: boolean) {
  if (!text.includes('@')) return { mentions: [], mentionsSelf: false };
  if (!isGroup) return parseMentions(text);
  const selfNames = selfMentionNames(env.contacts, chatId);
  return parseMentions(text, { selfNames, knownNames: knownNamesOf(env.contacts.group(chatId)) });
}

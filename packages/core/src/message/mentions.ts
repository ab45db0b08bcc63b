import type { ContactDirectory } from '../contacts/types';
import { isGroupUserName } from '../contacts/classify';
import type { Message } from './types';

/**
 * Inbound @-mentions (docs/protocol.md 9.4, edge case 52): `@name` followed by U+2005 (mobile),
 * a normal space (PC/web) or the end of the text. There is no structured flag on the wire,
 * so names are compared as text.
 */

const MENTION_SPACE = '\u2005';

/** What `parseMentions` found. */
export interface MentionScan {
  /** Mentioned names, in text order, without duplicates. */
  readonly mentions: readonly string[];
  /** One of `selfNames` was mentioned. */
  readonly mentionsSelf: boolean;
}

/** Options of `parseMentions`. */
export interface MentionOptions {
  /** The bot's group display name and nickname. Empty names are ignored. */
  readonly selfNames?: readonly string[];
  /**
   * Names that may contain spaces (group members' display names and nicknames): when one of
   * them follows `@`, it is taken whole instead of stopping at the first space.
   */
  readonly knownNames?: readonly string[];
}

function isBlank(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

/** True when `name` sits right after the `@` at `at` and is properly terminated. */
function mentionAt(text: string, at: number, name: string): boolean {
  if (!name || !text.startsWith(name, at + 1)) return false;
  const after = text[at + 1 + name.length];
  // U+2005 is a mobile client's mention marker: trust it even inside a word. A plain space or
  // the end of the text is weaker evidence, so then the `@` must also start a word.
  if (after === MENTION_SPACE) return true;
  return isBlank(after) && isBlank(text[at - 1]);
}

/**
 * Finds `@name` mentions in decoded text.
 * @example
 * parseMentions('@Bot\u2005hi @Ann', { selfNames: ['Bot'] });
 * // { mentions: ['Bot', 'Ann'], mentionsSelf: true }
 */
export function parseMentions(text: string, options: MentionOptions = {}): MentionScan {
  const selfNames = (options.selfNames ?? []).filter((name) => name.length > 0);
  const candidates = [...new Set([...selfNames, ...(options.knownNames ?? [])])]
    .filter((name) => name.length > 0)
    .sort((a, b) => b.length - a.length);
  const mentions: string[] = [];
  let mentionsSelf = false;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const known = candidates.find((name) => mentionAt(text, at, name));
    const name = known ?? genericMention(text, at);
    if (name === undefined) continue;
    if (!mentions.includes(name)) mentions.push(name);
    if (selfNames.includes(name)) mentionsSelf = true;
  }
  return { mentions, mentionsSelf };
}

/** A name without spaces: everything up to the next blank or U+2005. */
function genericMention(text: string, at: number): string | undefined {
  const match = /^[^\s@\u2005]+/.exec(text.slice(at + 1));
  return match && mentionAt(text, at, match[0]) ? match[0] : undefined;
}

/**
 * Removes mentions of the given names (and the space after each), e.g. to get the command a
 * user addressed to the bot in a group.
 * @example
 * removeMentions('@Bot\u2005ping', ['Bot']); // 'ping'
 */
export function removeMentions(text: string, names: readonly string[]): string {
  let result = text;
  for (const name of names.filter((n) => n.length > 0).sort((a, b) => b.length - a.length)) {
    let at = result.indexOf('@' + name);
    while (at !== -1) {
      if (mentionAt(result, at, name)) {
        const end = at + 1 + name.length;
        result = result.slice(0, at) + result.slice(end < result.length ? end + 1 : end);
      } else {
        at += 1;
      }
      at = result.indexOf('@' + name, at);
    }
  }
  return result.trim();
}

/**
 * The names group members @-mention the bot by in a chat: its group display name (groups only)
 * and its nickname. Empty names are left out.
 * @example
 * selfMentionNames(contacts, message.chat.id); // ['Botty', 'Bot']
 */
export function selfMentionNames(contacts: Pick<ContactDirectory, 'self' | 'group'>, chatId: string): string[] {
  const displayName = isGroupUserName(chatId) ? contacts.group(chatId)?.member(contacts.self.id)?.displayName ?? '' : '';
  return [displayName, contacts.self.nickName].filter((name) => name.length > 0);
}

/**
 * The message text with mentions of the bot removed: what a user "said to the bot" in a group.
 * @example
 * // "@Botty\u2005weather" in a group where the bot's display name is Botty
 * textWithoutSelfMention(message, ctx.bot.contacts); // 'weather'
 */
export function textWithoutSelfMention(message: Pick<Message, 'text' | 'chat'>, contacts: Pick<ContactDirectory, 'self' | 'group'>): string {
  return removeMentions(message.text, selfMentionNames(contacts, message.chat.id));
}

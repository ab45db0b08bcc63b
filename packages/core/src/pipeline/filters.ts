import { WxbotError } from '../errors/wxbot-error';
import { selfMentionNames } from '../message/mentions';
import { MESSAGE_KINDS } from '../message/types';
import type { Message, MessageKind } from '../message/types';
import { CHAT_FILTERS } from './types';
import type { ChatFilter, FilterQuery, Middleware } from './types';

/** A compiled filter. */
export type MessagePredicate = (message: Message) => boolean;

const CHAT_PREDICATES: Readonly<Record<ChatFilter, MessagePredicate>> = {
  friend: (m) => !m.isGroup && m.chat.kind === 'friend',
  group: (m) => m.isGroup,
  mentioned: (m) => m.isGroup && m.mentionsSelf,
  official: (m) => m.chat.kind === 'official',
  self: (m) => m.isSelf,
};

function unknownFilter(query: unknown): WxbotError {
  const shown = typeof query === 'string' ? `"${query}"` : String(query);
  return new WxbotError(
    'WXBOT_UNKNOWN_FILTER',
    `unknown filter query ${shown}: use a message kind (${MESSAGE_KINDS.join(', ')}), ` +
      `a chat filter (${CHAT_FILTERS.join(', ')}), or "<chat filter>:<kind>" such as "group:text"`,
    { query, kinds: MESSAGE_KINDS, chatFilters: CHAT_FILTERS },
  );
}

const isKind = (value: string): value is MessageKind => (MESSAGE_KINDS as readonly string[]).includes(value);
const isChat = (value: string): value is ChatFilter => (CHAT_FILTERS as readonly string[]).includes(value);

function compileOne(query: unknown): MessagePredicate {
  if (typeof query !== 'string') throw unknownFilter(query);
  const parts = query.split(':');
  if (parts.length === 1 && isKind(query)) return (m) => m.kind === query;
  if (parts.length === 1 && isChat(query)) return CHAT_PREDICATES[query];
  const [chat, kind] = parts;
  if (parts.length === 2 && chat !== undefined && kind !== undefined && isChat(chat) && isKind(kind)) {
    const chatMatches = CHAT_PREDICATES[chat];
    return (m) => m.kind === kind && chatMatches(m);
  }
  throw unknownFilter(query);
}

/**
 * Validates a filter query (or a list, matched as "any of") when it is registered, and compiles
 * it to a predicate. An unknown query throws `WXBOT_UNKNOWN_FILTER` listing the allowed values.
 * @example
 * const isGroupText = compileFilter('group:text');
 * compileFilter(['friend:text', 'mentioned']);
 */
export function compileFilter(query: FilterQuery | readonly FilterQuery[]): MessagePredicate {
  const queries: readonly unknown[] = Array.isArray(query) ? query : [query];
  if (queries.length === 0) throw unknownFilter('(empty list)');
  const predicates = queries.map(compileOne);
  return predicates.length === 1 && predicates[0] ? predicates[0] : (m) => predicates.some((p) => p(m));
}

/**
 * The text `hears` matches. In a group, a leading @-mention of the bot is left out, as chat
 * frameworks do: "@wxbot ping" is heard as "ping" (a mention elsewhere in the text stays).
 * @example
 * heardText(message, ['Bot', 'wxbot']); // '@wxbot\u2005ping' → 'ping'
 */
export function heardText(message: Pick<Message, 'text' | 'isGroup' | 'mentionsSelf'>, selfNames: readonly string[]): string {
  if (!message.isGroup || !message.mentionsSelf) return message.text;
  const text = message.text.trimStart();
  for (const name of [...selfNames].filter((n) => n.length > 0).sort((a, b) => b.length - a.length)) {
    const rest = text.startsWith(`@${name}`) ? text.slice(name.length + 1) : undefined;
    if (rest !== undefined && (rest === '' || /^[\s\u2005]/.test(rest))) return rest.trim();
  }
  return message.text;
}

/**
 * The predicate of `hears`: a text message whose whole (trimmed) text equals `pattern`, or
 * which `pattern` (a RegExp) matches, the text being {@link heardText} with the bot's names
 * (`selfNames`, none by default). Stateful `g`/`y` flags are ignored so matching never depends
 * on the previous message.
 * @example
 * hearsPredicate(/^ping$/i)(message);
 */
export function hearsPredicate(pattern: string | RegExp): (message: Message, selfNames?: readonly string[]) => boolean {
  if (typeof pattern === 'string') return (m, names = []) => m.kind === 'text' && heardText(m, names).trim() === pattern;
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (m, names = []) => m.kind === 'text' && regex.test(heardText(m, names));
}

/**
 * `api.hears`: runs `middleware` for text messages matching `pattern` (see {@link hearsPredicate}),
 * in groups without the bot's leading @-mention; others pass straight to `next`.
 * @example
 * const ping = hears('ping', () => 'pong'); // also answers "@wxbot ping" in a group
 */
export function hears(pattern: string | RegExp, middleware: Middleware): Middleware {
  const matches = hearsPredicate(pattern);
  return (ctx, next) => {
    const names = ctx.message.isGroup ? selfMentionNames(ctx.bot.contacts, ctx.message.chat.id) : [];
    return matches(ctx.message, names) ? middleware(ctx, next) : next();
  };
}

/**
 * Wraps middleware so it runs only for matching messages; others pass straight to `next`.
 * @example
 * const onlyText = filtered(compileFilter('text'), (ctx) => ctx.message.text);
 */
export function filtered(predicate: MessagePredicate, middleware: Middleware): Middleware {
  return (ctx, next) => (predicate(ctx.message) ? middleware(ctx, next) : next());
}

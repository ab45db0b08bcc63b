import { definePlugin } from '@wxbot/core';
import type { ContactDirectory, Message, MessageKind } from '@wxbot/core';
import { z } from 'zod';
import { inWindow, isTimeZone, localTime, windowSchema } from './schedule';

export { inWindow, localTime } from './schedule';
export type { LocalTime, TimeWindow } from './schedule';

/** Options of the auto-reply plugin (see README.md). */
export const autoReplyOptions = z
  .object({
    message: z.string().min(1).default("I'm away right now and will answer later."),
    away: z.boolean().default(false),
    schedule: z.array(windowSchema).default([]),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as "Asia/Shanghai"').optional(),
    chats: z.array(z.string().min(1)).default([]),
    cooldownMs: z.number().int().min(0).default(10 * 60 * 1000),
    now: z.custom<() => number>((value) => typeof value === 'function', 'expected a function returning epoch milliseconds').optional(),
  })
  .strict();

export type AutoReplyOptions = z.input<typeof autoReplyOptions>;

/** Kinds a person sends; notices (system, status, recall, friend requests) get no auto-reply. */
const ANSWERED: ReadonlySet<MessageKind> = new Set<MessageKind>(['text', 'image', 'voice', 'video', 'emoticon', 'file', 'link', 'card', 'location']);
/** Cooldown entries are pruned once the map grows past this, so memory stays bounded. */
const PRUNE_AT = 1000;

function chatNames(message: Message, contacts: ContactDirectory): string[] {
  if (message.isGroup) return [message.chat.name, contacts.group(message.chat.id)?.topic ?? ''];
  const contact = contacts.contact(message.chat.id);
  return [message.chat.name, contact?.nickName ?? '', contact?.remarkName ?? ''];
}

/**
 * Tells people the owner is away: always (`away`), in time windows (`schedule`), or in chosen
 * chats (`chats`, by friend name or group topic). Answers at most once per chat per
 * `cooldownMs`. In groups it answers only when the bot is @-mentioned, unless the group is listed
 * in `chats`. It never ends the pipeline: other plugins still see the message first.
 * @example
 * autoReply({ schedule: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '09:00' }], timeZone: 'Asia/Shanghai', message: 'Off work, back at 9.' })
 */
export const autoReply = definePlugin({
  name: 'auto-reply',
  options: autoReplyOptions,
  setup(api, options) {
    const now = options.now ?? Date.now;
    const lastReply = new Map<string, number>();
    const cooling = (chatId: string, at: number) => {
      const last = lastReply.get(chatId);
      return last !== undefined && at - last < options.cooldownMs;
    };
    const prune = (at: number) => {
      if (lastReply.size < PRUNE_AT) return;
      for (const [chatId, last] of lastReply) if (at - last >= options.cooldownMs) lastReply.delete(chatId);
    };

    api.use(async (ctx, next) => {
      const { message } = ctx;
      await next();
      if (!ANSWERED.has(message.kind) || (message.chat.kind !== 'friend' && message.chat.kind !== 'group')) return;
      const listed = options.chats.length > 0 && chatNames(message, ctx.bot.contacts).some((name) => name && options.chats.includes(name));
      if (message.isGroup && !listed && !message.mentionsSelf) return;
      const at = now();
      const active = options.away || listed || options.schedule.some((window) => inWindow(window, localTime(at, options.timeZone)));
      if (!active || cooling(message.chat.id, at)) return;
      prune(at);
      lastReply.set(message.chat.id, at);
      ctx.log.debug({ chat: message.chat.id }, 'auto-reply sent');
      return options.message;
    });
    return () => lastReply.clear();
  },
});

export default autoReply;

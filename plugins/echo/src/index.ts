import { definePlugin, textWithoutSelfMention } from '@wxbot/core';
import { z } from 'zod';

/** Options of the echo plugin (see README.md). */
export const echoOptions = z
  .object({
    /** Which chats to echo in. */
    chats: z.enum(['all', 'friends', 'groups']).default('friends'),
    /** Put before every echoed text, e.g. "echo: ". */
    prefix: z.string().default(''),
    /** In groups, echo only messages that @-mention the bot (the mention itself is removed). */
    requireMention: z.boolean().default(true),
  })
  .strict();

export type EchoOptions = z.infer<typeof echoOptions>;

/**
 * Replies with the text it received. Friends only by default; in groups (when enabled) only
 * when the bot is @-mentioned, so a bot in a busy group does not repeat everyone.
 * @example
 * // bot.config.ts
 * plugins: [echo({ chats: 'all', prefix: '🔁 ' })]
 */
export const echo = definePlugin({
  name: 'echo',
  options: echoOptions,
  setup(api, options) {
    api.on('text', async (ctx, next) => {
      const { message } = ctx;
      const inScope = options.chats === 'all' || (options.chats === 'groups' ? message.isGroup : message.chat.kind === 'friend');
      if (!inScope || (message.isGroup && options.requireMention && !message.mentionsSelf)) return next();
      const text = message.isGroup ? textWithoutSelfMention(message, ctx.bot.contacts) : message.text;
      if (text.length === 0) return next();
      return options.prefix + text;
    });
  },
});

export default echo;

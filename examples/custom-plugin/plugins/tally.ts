import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

/**
 * Counts the messages of each chat and answers `<command>` with the tally so far.
 * Shows: a validated options schema with defaults, a filter query, per-chat state kept by
 * the plugin, `ctx.reply`, and a disposer that runs when the bot stops.
 */
export default definePlugin({
  name: 'tally',
  options: z
    .object({
      /** The text that asks for the tally. */
      command: z.string().min(1).default('!tally'),
      /** Count group messages too. */
      groups: z.boolean().default(true),
    })
    .strict(),
  setup(api, options) {
    const counts = new Map<string, number>();
    api.on(options.groups ? 'text' : 'friend:text', async (ctx, next) => {
      const chat = ctx.message.chat.id;
      if (ctx.message.text.trim() === options.command) {
        const n = counts.get(chat) ?? 0;
        await ctx.reply(`${n} message${n === 1 ? '' : 's'} so far in ${ctx.message.chat.name || 'this chat'}`);
        return;
      }
      counts.set(chat, (counts.get(chat) ?? 0) + 1);
      await next();
    });
    return () => {
      api.log.info({ chats: counts.size }, 'tally stopped');
      counts.clear();
    };
  },
});

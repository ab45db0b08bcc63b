import { definePlugin, textWithoutSelfMention } from '@wxbot/core';
import type { Message } from '@wxbot/core';
import { z } from 'zod';
import { compileRule, ruleSchema } from './rules';
import type { Rule } from './rules';
import { renderTemplate } from './template';

export { renderTemplate, unknownPlaceholders } from './template';
export type { TemplateValues } from './template';
export type { Rule } from './rules';

/** Characters of a message the rules see by default (README.md). */
export const DEFAULT_MAX_TEXT_LENGTH = 4096;

/** Options of the keyword plugin (see README.md). */
export const keywordOptions = z
  .object({
    rules: z.array(ruleSchema).min(1),
    /** In groups, answer only when the bot is @-mentioned. */
    requireMention: z.boolean().default(false),
    /**
     * Rules see at most this many characters of a text (the rest is cut off), which bounds the
     * time any rule can take on a stranger's message.
     */
    maxTextLength: z.number().int().min(1).default(DEFAULT_MAX_TEXT_LENGTH),
  })
  .strict();

export type KeywordOptions = z.infer<typeof keywordOptions>;

function inScope(rule: Rule, message: Message): boolean {
  if (rule.chats === 'groups') return message.isGroup;
  if (rule.chats === 'friends') return message.chat.kind === 'friend';
  return true;
}

/**
 * Answers text messages by rules: exact, contains or regex; the first matching rule wins.
 * Replies are templates (`{sender}`, `{chat}`, `{text}`, `{match[1]}`...). In groups the
 * bot's own @-mention is removed before matching, so "@Bot help" matches the exact rule "help".
 * @example
 * keyword({ rules: [{ match: 'regex', pattern: '^weather (\\w+)$', reply: 'No idea about {match[1]}, {sender}.' }] })
 */
export const keyword = definePlugin({
  name: 'keyword',
  options: keywordOptions,
  setup(api, options) {
    const rules = options.rules.map((rule) => ({ rule, matches: compileRule(rule) }));
    api.on('text', (ctx, next) => {
      const { message } = ctx;
      if (message.isGroup && options.requireMention && !message.mentionsSelf) return next();
      const full = message.isGroup ? textWithoutSelfMention(message, ctx.bot.contacts) : message.text;
      const text = full.length > options.maxTextLength ? full.slice(0, options.maxTextLength) : full;
      for (const { rule, matches } of rules) {
        if (!inScope(rule, message)) continue;
        const match = matches(text);
        if (match) return renderTemplate(rule.reply, { sender: message.sender.name, chat: message.chat.name, text, match });
      }
      return next();
    });
  },
});

export default keyword;

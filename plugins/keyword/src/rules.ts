import safeRegex from 'safe-regex2';
import { z } from 'zod';
import { unknownPlaceholders } from './template';

/**
 * Why a regex rule is refused, or undefined when it is accepted. Rules run on text any stranger
 * writes: one pattern with catastrophic backtracking would freeze the bot on one crafted message,
 * so patterns go through safe-regex2 (the star-height checker Fastify uses for routes) first.
 */
export function unsafePatternReason(pattern: string): string | undefined {
  if (safeRegex(pattern)) return undefined;
  return (
    `unsafe regular expression ${JSON.stringify(pattern)}: it nests quantifiers (like "(a+)+" or "(\\w+\\s?)*") ` +
    'that can backtrack catastrophically on one crafted message, or uses a construct the checker cannot verify (lookbehind); ' +
    'rewrite it without a quantified group that itself holds a quantifier (e.g. "^(\\w+\\s?)*$" -> "^[\\w\\s]*$"), or use match "contains"'
  );
}

export const chatScope = z.enum(['all', 'friends', 'groups']);

/** One keyword rule (see README.md). */
export const ruleSchema = z
  .object({
    match: z.enum(['exact', 'contains', 'regex']),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^(?!.*(.).*\1)[imsu]*$/, 'expected flags from "imsu", each at most once (g and y would make matching depend on the previous message)')
      .default(''),
    reply: z.string().min(1),
    chats: chatScope.default('all'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.match === 'regex') {
      try {
        new RegExp(rule.pattern, rule.flags);
        const unsafe = unsafePatternReason(rule.pattern);
        if (unsafe) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['pattern'], message: unsafe });
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['pattern'], message: (error as Error).message });
      }
    }
    const unknown = unknownPlaceholders(rule.reply);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['reply'],
        message: `unknown placeholder ${unknown.join(', ')} (known: {sender}, {chat}, {text}, {match}, {match[N]}, {match.name}; write {{ and }} for literal braces)`,
      });
    }
  });

export type Rule = z.infer<typeof ruleSchema>;

/** Tests one text against a rule; returns the match (`[0]` = matched part) or undefined. */
export type Matcher = (text: string) => RegExpMatchArray | readonly string[] | undefined;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a validated rule. `exact` compares the trimmed text; `exact` and `contains` honour
 * the `i` flag (case-insensitive). All matching is done with a RegExp without `g`, so no state
 * leaks between messages.
 * @example
 * compileRule({ match: 'contains', pattern: 'price', flags: 'i', reply: '...', chats: 'all' })('The PRICE?');
 */
export function compileRule(rule: Rule): Matcher {
  const flags = rule.flags;
  if (rule.match === 'regex') {
    const regex = new RegExp(rule.pattern, flags);
    return (text) => regex.exec(text) ?? undefined;
  }
  const source = escapeRegExp(rule.pattern);
  const regex = new RegExp(rule.match === 'exact' ? `^${source}$` : source, flags);
  return (text) => regex.exec(rule.match === 'exact' ? text.trim() : text) ?? undefined;
}

import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

const rule = z
  .object({
    /** `any` accepts every request; the others test the requester's greeting. */
    match: z.enum(['any', 'exact', 'contains', 'regex']),
    pattern: z.string().default(''),
    /** `i` makes any match case-insensitive. */
    flags: z.string().regex(/^[imsu]*$/, 'only the flags i, m, s, u').default(''),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.match !== 'any' && !r.pattern) ctx.addIssue({ code: 'custom', path: ['pattern'], message: `a pattern is required with match "${r.match}"` });
    if (r.match === 'regex') {
      try {
        new RegExp(r.pattern, r.flags);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `invalid regular expression: ${(err as Error).message}` });
      }
    }
  });

export const friendAcceptOptions = z
  .object({
    /** Accept a request when its greeting matches any rule. */
    rules: z.array(rule).min(1),
    /** Sent to the new friend after accepting; `{name}` is their nickname. Empty: say nothing. */
    greeting: z.string().default('Hi {name}, nice to meet you!'),
  })
  .strict();

export type FriendAcceptOptions = z.input<typeof friendAcceptOptions>;
type Rule = z.output<typeof rule>;

function matches(r: Rule, greeting: string): boolean {
  const ci = r.flags.includes('i');
  const text = ci ? greeting.toLowerCase() : greeting;
  const pattern = ci ? r.pattern.toLowerCase() : r.pattern;
  switch (r.match) {
    case 'any':
      return true;
    case 'exact':
      return text.trim() === pattern;
    case 'contains':
      return text.includes(pattern);
    case 'regex':
      return new RegExp(r.pattern, r.flags).test(greeting);
  }
}

/**
 * Accepts friend requests whose greeting matches a rule, then greets the new friend.
 * @example friendAccept({ rules: [{ match: 'contains', pattern: 'wxbot', flags: 'i' }], greeting: 'Welcome, {name}!' })
 */
export const friendAccept = definePlugin({
  name: 'friend-accept',
  options: friendAcceptOptions,
  setup(api, options) {
    api.onEvent('friendship', async (event) => {
      if (event.type !== 'request') return;
      const { greeting, nickName, userName } = event.request;
      if (!options.rules.some((r) => matches(r, greeting))) {
        api.log.info({ from: nickName }, 'friend request left for the owner: no rule matched');
        return;
      }
      await event.accept();
      api.log.info({ from: nickName }, 'friend request accepted');
      if (options.greeting) await api.bot.send(userName, options.greeting.replaceAll('{name}', nickName));
    });
  },
});

export default friendAccept;

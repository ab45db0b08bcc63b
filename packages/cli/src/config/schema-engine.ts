import { z } from 'zod';
import { CAP_GROUPS, EXECUTORS } from '@wxbot/core/internals';
import { expectedErrorMap } from './expected-error-map';

// The engine's options in bot.config.ts: everything of BotOptions beyond login, log and media
// (outbox limits and the safety governor, skipOlderThanMs, the sync loop's timers). Kept apart
// from schema.ts, which spreads these in; config-parity.test.ts checks every BotOptions key has
// a path here or a written reason to be API-only.

const integer = (min: number) => {
  const message = `an integer >= ${min}`;
  return z.number({ message }).int({ message }).min(min, { message });
};
const boolean = z.boolean({ message: 'true or false' });

/**
 * `false` or an object checked by `schema`; the object's own problems keep their paths (a zod
 * union would report only "invalid input" at the top).
 */
function falseOr<T extends z.ZodTypeAny>(schema: T, expected: string): z.ZodType<false | z.infer<T>, z.ZodTypeDef, unknown> {
  return z.custom<false | z.infer<T>>(() => true).superRefine((value, ctx) => {
    if (value === false) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: expected });
      return;
    }
    const result = schema.safeParse(value, { errorMap: expectedErrorMap });
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as z.IssueData);
  });
}

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
const TIME_ZONE = 'an IANA time zone such as "Asia/Shanghai"';
const HHMM = 'a time "HH:MM" (24-hour, e.g. "07:30")';
const time = z.string({ message: HHMM }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: HHMM });

export const timeZoneSchema = z.string({ message: TIME_ZONE }).refine(isTimeZone, { message: TIME_ZONE });
export const quietWindowSchema = z.object({ from: time, to: time }).strict();

const rateLimit = z.object({ intervalMs: integer(0), burst: integer(1) }).strict();
const RATE_LIMIT = 'false or { intervalMs, burst }';
const limitsSchema = z
  .object({ global: falseOr(rateLimit, RATE_LIMIT).optional(), perChat: falseOr(rateLimit, RATE_LIMIT).optional(), risky: falseOr(rateLimit, RATE_LIMIT).optional(), jitterMs: integer(0).optional() })
  .strict();
const backoffSchema = z.object({ baseMs: integer(1), capMs: integer(1) }).strict();
const retrySchema = z.object({ attempts: integer(1), baseMs: integer(1), capMs: integer(1) }).strict();
const quietHoursSchema = z
  .object({
    from: time,
    to: time,
    policy: z.enum(['wait', 'fail'], { message: '"wait" | "fail"' }).optional(),
    chats: z.record(falseOr(quietWindowSchema, 'false or { from, to }'), { message: 'an object of chat UserName to { from, to } or false' }).optional(),
  })
  .strict();
const pacingSchema = z
  .object({
    baseMs: integer(0).optional(),
    perCharMs: integer(0).optional(),
    maxMs: integer(0).optional(),
    jitter: z.number({ message: 'a fraction from 0 to 1' }).min(0, { message: 'a fraction from 0 to 1' }).max(1, { message: 'a fraction from 0 to 1' }).optional(),
    chatGapMs: integer(0).optional(),
  })
  .strict();
const broadcastSchema = z.object({ gapMs: integer(0).optional(), jitterMs: integer(0).optional() }).strict();

/** Names a daily cap can have: an action kind, a group of kinds, or `risky`. */
export const CAP_NAMES: readonly string[] = [...Object.keys(EXECUTORS), ...Object.keys(CAP_GROUPS), 'risky'];
const CAP_NAME = `a cap name (${CAP_NAMES.map((n) => JSON.stringify(n)).join(' | ')})`;
const dailyCapsSchema = z.record(z.string().refine((name) => CAP_NAMES.includes(name), { message: CAP_NAME }), integer(0), { message: 'an object of cap name to a number a day' });

const outboxSchema = z
  .object({
    limits: falseOr(limitsSchema, 'false or { global, perChat, risky, jitterMs }').optional(),
    dailyCaps: dailyCapsSchema.optional(),
    breaker: backoffSchema.optional(),
    retry: retrySchema.optional(),
    maxAgeMs: integer(1).optional(),
    persist: boolean.optional(),
    concurrency: integer(1).optional(),
    timeZone: timeZoneSchema.optional(),
    quietHours: falseOr(quietHoursSchema, 'false or { from, to, policy, chats }').optional(),
    pacing: falseOr(pacingSchema, 'false or { baseMs, perCharMs, maxMs, jitter, chatGapMs }').optional(),
    broadcast: broadcastSchema.optional(),
  })
  .strict();

const identitiesSchema = z.object({ unresolved: z.enum(['keep', 'fail'], { message: '"keep" | "fail"' }).optional() }).strict();

/** The engine's keys of the top-level config object (spread into schema.ts's). */
export const engineShape = {
  outbox: outboxSchema.optional(),
  skipOlderThanMs: integer(1).optional(),
  watchdogMs: integer(1).optional(),
  longPollTimeoutMs: integer(1).optional(),
  loginPollTimeoutMs: integer(1).optional(),
  backoff: backoffSchema.optional(),
  identities: identitiesSchema.optional(),
};

/** Known option names per object path, for "unknown option" errors (merged into KNOWN_KEYS). */
export const ENGINE_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  outbox: Object.keys(outboxSchema.shape),
  'outbox.limits': Object.keys(limitsSchema.shape),
  'outbox.limits.global': Object.keys(rateLimit.shape),
  'outbox.limits.perChat': Object.keys(rateLimit.shape),
  'outbox.limits.risky': Object.keys(rateLimit.shape),
  'outbox.breaker': Object.keys(backoffSchema.shape),
  'outbox.retry': Object.keys(retrySchema.shape),
  'outbox.quietHours': Object.keys(quietHoursSchema.shape),
  'outbox.pacing': Object.keys(pacingSchema.shape),
  'outbox.broadcast': Object.keys(broadcastSchema.shape),
  backoff: Object.keys(backoffSchema.shape),
  identities: Object.keys(identitiesSchema.shape),
};

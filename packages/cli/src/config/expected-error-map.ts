import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'true or false' };

// zod's own wording for a type mismatch; anything else is a message a schema chose.
const ZOD_TYPE_MESSAGE = /^Expected .*, received |^Required$/;

/**
 * Fallback wording for schemas without their own "expected" message. A contextual error map
 * outranks schema messages in zod 3, so it must pass those through untouched. No imports of
 * the config modules: every schema module can use it without an import cycle.
 * @example
 * schema.safeParse(value, { errorMap: expectedErrorMap }); // a number where a string goes: 'a string'
 */
export const expectedErrorMap: z.ZodErrorMap = (issue, ctx) =>
  issue.code === 'invalid_type' && ZOD_TYPE_MESSAGE.test(ctx.defaultError)
    ? { message: TYPE_NAMES[issue.expected] ?? ctx.defaultError }
    : { message: ctx.defaultError };

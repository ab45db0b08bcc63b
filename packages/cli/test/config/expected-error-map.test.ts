import { z } from 'zod';
import { expectedErrorMap } from '../../src/config/expected-error-map';

describe('expectedErrorMap', () => {
  const messageOf = (schema: z.ZodTypeAny, value: unknown): string | undefined => schema.safeParse(value, { errorMap: expectedErrorMap }).error?.issues[0]?.message;

  it('words a type mismatch as what was expected', () => {
    expect(messageOf(z.string(), 3)).toBe('a string');
    expect(messageOf(z.number(), 'x')).toBe('a number');
    expect(messageOf(z.boolean(), 1)).toBe('true or false');
    expect(messageOf(z.array(z.string()), {})).toBe('an array');
    expect(messageOf(z.object({}), [])).toBe('an object');
    expect(messageOf(z.object({ home: z.string() }), {})).toBe('a string'); // zod's "Required"
  });

  it("keeps a schema's own message, and zod's wording where it has no better one", () => {
    expect(messageOf(z.enum(['web', 'desktop'], { message: '"web" | "desktop"' }), 'phone')).toBe('"web" | "desktop"');
    expect(messageOf(z.string().min(3), 'ab')).toMatch(/at least 3/);
    expect(messageOf(z.bigint(), 'x')).toMatch(/^Expected bigint, received string$/);
  });
});

import { z } from 'zod';
import { knownKeys } from '../../src/plugin/schema-keys';

const schema = z
  .object({
    answer: z.string().default('pong'),
    rules: z.array(z.object({ match: z.enum(['exact', 'regex']), pattern: z.string() }).strict()).min(1),
    byChat: z.record(z.object({ text: z.string(), mute: z.boolean().optional() })).optional(),
    nested: z.lazy(() => z.object({ deep: z.number() })).nullable(),
    checked: z.object({ a: z.string() }).refine(() => true),
  })
  .strict();

describe('knownKeys', () => {
  it('the keys of the top-level object, through default/optional/effects wrappers', () => {
    expect(knownKeys(schema, [])).toEqual(['answer', 'rules', 'byChat', 'nested', 'checked']);
    expect(knownKeys(schema.default({} as never), [])).toEqual(['answer', 'rules', 'byChat', 'nested', 'checked']);
    expect(knownKeys(schema.transform((v) => v), [])).toEqual(['answer', 'rules', 'byChat', 'nested', 'checked']);
  });

  it('follows object keys, array items, record values and lazy schemas down a path', () => {
    expect(knownKeys(schema, ['rules', 0])).toEqual(['match', 'pattern']);
    expect(knownKeys(schema, ['byChat', 'any-chat'])).toEqual(['text', 'mute']);
    expect(knownKeys(schema, ['nested'])).toEqual(['deep']);
    expect(knownKeys(schema, ['checked'])).toEqual(['a']);
  });

  it('[] where the path leads to no object, or nowhere', () => {
    expect(knownKeys(schema, ['answer'])).toEqual([]);
    expect(knownKeys(schema, ['missing'])).toEqual([]);
    expect(knownKeys(schema, ['answer', 'x'])).toEqual([]);
    expect(knownKeys(z.string(), [])).toEqual([]);
    expect(knownKeys(undefined, [])).toEqual([]);
    expect(knownKeys({ not: 'a schema' }, [])).toEqual([]);
  });
});

/** What is read of a zod schema: its definition's type name and the parts that hold other schemas. */
interface SchemaLike {
  _def?: { typeName?: string; innerType?: SchemaLike; schema?: SchemaLike; type?: SchemaLike; valueType?: SchemaLike; getter?: () => SchemaLike; shape?: () => Record<string, SchemaLike> };
}

// By type name, not instanceof: a plugin may bring its own copy of zod.
function unwrap(schema: SchemaLike | undefined): SchemaLike | undefined {
  for (let s = schema, i = 0; s && i < 20; i++) {
    const def = s._def;
    switch (def?.typeName) {
      case 'ZodOptional':
      case 'ZodNullable':
      case 'ZodDefault':
      case 'ZodCatch':
      case 'ZodReadonly':
        s = def.innerType;
        break;
      case 'ZodEffects':
        s = def.schema;
        break;
      case 'ZodLazy':
        s = def.getter?.();
        break;
      default:
        return s;
    }
  }
  return undefined;
}

/**
 * The option names an object schema knows at `path` (`[]` for the top level, `['rules', 0]` for
 * the first rule), or `[]` when the schema there is not an object.
 * @example
 * knownKeys(z.object({ answer: z.string() }), []); // ['answer']
 */
export function knownKeys(schema: unknown, path: readonly (string | number)[]): string[] {
  let s = unwrap(schema as SchemaLike);
  for (const key of path) {
    const def = s?._def;
    if (def?.typeName === 'ZodObject') s = def.shape?.()[String(key)];
    else if (def?.typeName === 'ZodArray') s = def.type;
    else if (def?.typeName === 'ZodRecord') s = def.valueType;
    else return [];
    s = unwrap(s);
  }
  return s?._def?.typeName === 'ZodObject' ? Object.keys(s._def.shape?.() ?? {}) : [];
}

// Node module hooks (registered by ts-hook.ts). In a "type": "module" project node loads a .ts
// test file as an ES module, which it cannot parse ("Unknown file extension .ts"); these hooks
// hand .ts and .cts files back to the CommonJS loader, where the TypeScript hook transpiles them.

interface LoadContext {
  format?: string | null;
}
type NextLoad = (url: string, context?: LoadContext) => Promise<{ format?: string | null; source?: unknown }>;

/** The `load` hook: `.ts` / `.cts` files are CommonJS (transpiled on require). */
export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<{ format?: string | null; source?: unknown; shortCircuit?: boolean }> {
  if (url.startsWith('file:') && /\.c?ts$/.test(new URL(url).pathname)) return { format: 'commonjs', shortCircuit: true };
  return nextLoad(url, context);
}

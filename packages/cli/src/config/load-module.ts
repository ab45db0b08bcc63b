import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerTypeScript } from './ts-require';

const ESM_ONLY = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

const isEsmOnly = (error: unknown): boolean =>
  ESM_ONLY.has((error as { code?: string }).code ?? '') ||
  (error instanceof SyntaxError && /import statement outside a module|Unexpected token 'export'/.test(error.message));

/** The default export when there is one, otherwise the module itself (CommonJS `module.exports`). */
export const defaultExport = (module: unknown): unknown =>
  typeof module === 'object' && module !== null && 'default' in module ? (module as { default: unknown }).default : module;

/**
 * Loads a JS or TS module by absolute path, through `require` first so it works in CommonJS
 * processes and test runners, and through `import()` for ES modules (`.mjs`, `"type": "module"`).
 * @example
 * const exports = await loadModule('/project/plugins/my-plugin.ts');
 */
export async function loadModule(filepath: string): Promise<unknown> {
  registerTypeScript();
  if (extname(filepath) !== '.mjs') {
    try {
      // A fresh read each time, so a config edited between two loads in one process is seen.
      delete require.cache[filepath];
      return require(filepath) as unknown;
    } catch (error) {
      if (!isEsmOnly(error)) throw error;
    }
  }
  // tsc (module Node16) keeps this a real dynamic import in the CommonJS output.
  return (await import(pathToFileURL(filepath).href)) as unknown;
}

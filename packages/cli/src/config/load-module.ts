import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WxbotError } from '@wxbot/core';
import { syntaxErrorMessage } from './code-frame';
import { registerTypeScript } from './ts-require';

const ESM_ONLY = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

const isEsmOnly = (error: unknown): boolean =>
  ESM_ONLY.has((error as { code?: string }).code ?? '') ||
  (error instanceof SyntaxError && /import statement outside a module|Unexpected token 'export'/.test(error.message));

/**
 * Node's SyntaxError for a CommonJS file names the file and line only in its stack
 * (`/x/bot.config.js:2`, the line, carets): the same message as a TypeScript syntax error.
 */
function jsSyntaxError(error: unknown): WxbotError | undefined {
  if (!(error instanceof SyntaxError)) return undefined;
  const m = /^(.+):(\d+)\n.*\n( *)\^+\n/.exec(error.stack ?? '');
  const [, file = '', line = '0', pad = ''] = m ?? [];
  if (!m) return undefined;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const where = { line: Number(line), column: pad.length + 1 };
  return new WxbotError('WXBOT_CONFIG_INVALID', syntaxErrorMessage({ file, ...where, text: error.message, source, more: 0 }), { path: file, ...where }, { cause: error });
}

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
      if (!isEsmOnly(error)) throw jsSyntaxError(error) ?? error;
    }
  }
  // tsc (module Node16) keeps this a real dynamic import in the CommonJS output.
  return (await import(pathToFileURL(filepath).href)) as unknown;
}

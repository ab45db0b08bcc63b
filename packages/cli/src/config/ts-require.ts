import { readFileSync } from 'node:fs';
import { WxbotError } from '@wxbot/core';
import { syntaxErrorMessage } from './code-frame';

type TypeScript = typeof import('typescript');
type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

let typescript: TypeScript | undefined;

/**
 * Transpiles one TypeScript file to CommonJS. A syntax error (a missing comma, an unclosed string)
 * throws `WXBOT_CONFIG_INVALID` with file, line, column and a code frame: transpiling alone would
 * emit something for almost any input, and the bot would start with a silently mangled module.
 * @example
 * const js = transpileTypeScript(readFileSync(file, 'utf8'), file);
 */
export function transpileTypeScript(source: string, filename: string): string {
  // Loaded lazily: typescript is large and only needed when a .ts file is actually required.
  typescript ??= require('typescript') as TypeScript;
  const ts = typescript;
  const { outputText, diagnostics = [] } = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  const first = errors[0];
  if (first) {
    const start = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : { line: 0, character: 0 };
    const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    const where = { line: start.line + 1, column: start.character + 1 };
    throw new WxbotError('WXBOT_CONFIG_INVALID', syntaxErrorMessage({ file: filename, ...where, text: `${text} (TS${first.code})`, source, more: errors.length - 1 }), {
      path: filename,
      ...where,
    });
  }
  return outputText;
}

/**
 * Lets plain Node `require` TypeScript files (`bot.config.ts`, a `./plugins/x.ts` it imports, a
 * plugin named by path) by transpiling them to CommonJS on load. Needed because cosmiconfig's own
 * TS loader compiles to a temporary `.mjs`, from which relative `.ts` imports cannot be resolved.
 * A hook that is already installed (tsx, ts-node, a test runner) is left alone.
 * @example
 * registerTypeScript();
 * const config = require('/project/bot.config.ts');
 */
export function registerTypeScript(extensions: NodeJS.RequireExtensions = require.extensions): void {
  for (const extension of ['.ts', '.cts']) {
    if (extensions[extension]) continue;
    extensions[extension] = (module, filename) => {
      (module as CompilableModule)._compile(transpileTypeScript(readFileSync(filename, 'utf8'), filename), filename);
    };
  }
}

const isTypeScriptCompiler = (id: string): boolean => /[\\/]node_modules[\\/]typescript[\\/]/.test(id);

/**
 * Drops the TypeScript compiler once every .ts file a bot needs is loaded: it is the largest
 * thing in an idle bot's memory. The hook stays, so a later .ts require loads it again.
 * Nothing happens when it was never loaded.
 * @example
 * await resolvePlugins(config.plugins, options);
 * if (!args.watch) releaseTypeScript();
 */
export function releaseTypeScript(): void {
  if (!typescript) return;
  typescript = undefined;
  // The module cache and the requiring module's `children` both keep the compiler alive.
  for (const [id, mod] of Object.entries(require.cache)) {
    if (!mod) continue;
    if (isTypeScriptCompiler(id)) delete require.cache[id];
    else mod.children = mod.children.filter((child) => !isTypeScriptCompiler(child.id));
  }
}

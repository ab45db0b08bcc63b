import { readFileSync } from 'node:fs';

type TypeScript = typeof import('typescript');
type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

let typescript: TypeScript | undefined;

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
      // Loaded lazily: typescript is large and only needed when a .ts file is actually required.
      typescript ??= require('typescript') as TypeScript;
      const { outputText } = typescript.transpileModule(readFileSync(filename, 'utf8'), {
        fileName: filename,
        compilerOptions: {
          module: typescript.ModuleKind.CommonJS,
          target: typescript.ScriptTarget.ES2022,
          esModuleInterop: true,
          inlineSourceMap: true,
        },
      });
      (module as CompilableModule)._compile(outputText, filename);
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

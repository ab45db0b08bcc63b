import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cosmiconfig, type Loader } from 'cosmiconfig';
import { WxbotError } from '@wxbot/core';
import { defaultExport, loadModule } from './load-module';

/** File names looked for in each directory, in this order (then the `wxbot` key of package.json). */
export const SEARCH_PLACES = [
  'bot.config.ts',
  'bot.config.js',
  'bot.config.cjs',
  'bot.config.mjs',
  'bot.config.json',
  '.wxbotrc',
  '.wxbotrc.json',
  '.wxbotrc.yaml',
  '.wxbotrc.yml',
  '.wxbotrc.js',
  '.wxbotrc.cjs',
  '.wxbotrc.ts',
  'package.json',
] as const;

const loadCode: Loader = async (filepath) => defaultExport(await loadModule(filepath));

/** A config file found on disk: its absolute path and what it exported (not yet validated). */
export interface FoundConfig {
  readonly filepath: string;
  readonly config: unknown;
}

/**
 * Finds and loads the config: the explicit `configPath` if given (missing → `WXBOT_CONFIG_NOT_FOUND`),
 * else the first of {@link SEARCH_PLACES} in `cwd` and its parents up to the nearest package.json.
 * Returns `null` when there is none, which is not an error: defaults apply.
 * @example
 * const found = await findConfig({ cwd: process.cwd() }); // { filepath, config } | null
 */
export async function findConfig(options: { cwd: string; configPath?: string | undefined }): Promise<FoundConfig | null> {
  const explorer = cosmiconfig('wxbot', {
    searchPlaces: [...SEARCH_PLACES],
    // cosmiconfig's own .ts/.js loaders go through a temporary .mjs and import(), which breaks
    // relative .ts imports and cannot run inside CommonJS test runners; ours require() first.
    loaders: { '.ts': loadCode, '.cts': loadCode, '.js': loadCode, '.cjs': loadCode, '.mjs': loadCode },
    searchStrategy: 'project',
    cache: false,
  });
  if (options.configPath !== undefined) {
    const filepath = resolve(options.cwd, options.configPath);
    if (!existsSync(filepath)) {
      throw new WxbotError(
        'WXBOT_CONFIG_NOT_FOUND',
        `Config file not found: ${filepath} (from --config ${options.configPath}). Fix the path, or drop --config to search ${options.cwd} for bot.config.ts.`,
        { path: filepath },
      );
    }
    const result = await explorer.load(filepath);
    return { filepath, config: result?.config ?? {} };
  }
  const result = await explorer.search(options.cwd);
  return result ? { filepath: result.filepath, config: result.config ?? {} } : null;
}

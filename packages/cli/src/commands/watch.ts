import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Bot } from '@wxbot/core';
import type { Logger } from 'pino';
import { loadConfig, resolvePlugins, type ConfigFlags, type ResolvedConfig } from '../config';

/** What `--watch` needs to rebuild the plugins the way `wxbot start` built them. */
export interface WatchOptions {
  bot: Pick<Bot, 'reloadPlugins'>;
  config: ResolvedConfig;
  load: { cwd: string; configPath: string | undefined; flags: ConfigFlags; env: Readonly<Record<string, string | undefined>> };
  logger: Logger;
  /** Where "reloaded" / "reload failed" lines go (the terminal). */
  write(text: string): void;
  /** Changes closer together than this make one reload. Default 150 ms. */
  debounceMs?: number;
}

export interface PluginWatcher {
  /** Resolves once the files are being watched. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Is `file` part of the project at `root` itself, not of a package inside it (node_modules, a workspace package)? */
function ownFile(file: string, root: string): boolean {
  if (file.includes(`${sep}node_modules${sep}`)) return false;
  for (let dir = dirname(file); dir.length > root.length; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return false;
  }
  return true;
}

/**
 * The user's own modules among those Node has loaded: under the config's directory, outside
 * node_modules and other packages. These are what a change must re-evaluate (the config
 * imports the plugins, so both are loaded again).
 */
export function localModules(root: string, cache: NodeJS.Dict<NodeModule> = require.cache): string[] {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return Object.keys(cache).filter((file) => file.startsWith(prefix) && ownFile(file, root));
}

/**
 * `wxbot start --watch`: watches bot.config.ts and every local module it loaded (plugins by path
 * or imported). After a change (debounced) it forgets those modules, loads and validates the
 * config again, resolves the plugins with their new code and options, and swaps them in with
 * `bot.reloadPlugins` (old disposers run; the session stays logged in; messages in flight finish
 * in the old pipeline, later ones go to the new one). If anything fails, the old plugins keep
 * running and the error is printed.
 * @example
 * const watcher = watchPlugins({ bot, config, load: { cwd, configPath, flags, env }, logger, write });
 * await watcher.close();
 */
export function watchPlugins(options: WatchOptions): PluginWatcher {
  const { bot, logger, write } = options;
  const root = options.config.configDir;
  const files = (): string[] => [...new Set([...(options.config.configFile ? [options.config.configFile] : []), ...localModules(root)])];
  let watched = new Set(files());
  // Loaded here, not at the top: only --watch needs it.
  const { watch: chokidarWatch } = require('chokidar') as typeof import('chokidar');
  const watcher: FSWatcher = chokidarWatch([...watched], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = new Set<string>();

  const reload = async (): Promise<void> => {
    const why = [...changed].map((f) => f.slice(dirname(root).length + 1));
    changed.clear();
    for (const file of localModules(root)) delete require.cache[file];
    try {
      const config = await loadConfig({ ...options.load });
      const plugins = await resolvePlugins(config.plugins, { configDir: config.configDir, cwd: config.cwd, configFile: config.configFile });
      await bot.reloadPlugins(plugins);
      const names = plugins.map((p) => p.definition.name).join(', ') || 'none';
      // The bot logs "plugins reloaded" itself; this line only adds what changed, for the terminal.
      write(`[wxbot] reloaded plugins (${names}) after a change to ${why.join(', ')}\n`);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      logger.error({ err }, 'reload failed; the previous plugins keep running');
      write(`[wxbot] reload failed, the previous plugins keep running: ${(err as Error).message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
    }
    // A change may have added a local module (a new plugin file): watch it too.
    const now = files().filter((f) => !watched.has(f));
    if (now.length) watcher.add(now);
    watched = new Set([...watched, ...now]);
  };

  const onChange = (file: string): void => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(reload);
    }, options.debounceMs ?? 150);
  };
  watcher.on('change', onChange).on('add', onChange).on('unlink', onChange);
  watcher.on('error', (err) => logger.error({ err }, 'file watcher failed'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}

import { isAbsolute, resolve } from 'node:path';
import { WxbotError } from '@wxbot/core';
import { registerTypeScript } from './ts-require';

const isNotFound = (error: unknown): boolean => (error as { code?: string }).code === 'MODULE_NOT_FOUND';

// Short names get the conventional prefixes; scoped or nested names are taken as they are.
const SHORT_NAME = /^[a-z0-9][\w.-]*$/i;

/**
 * The plugins that ship with wxbot. The CLI depends on them, so a project can name them
 * (`'echo'`) without installing anything: when the project has no copy of its own, the one
 * next to this CLI is used, wherever the CLI is installed (the project, npx's cache, globally).
 */
export const BUILT_IN_PLUGINS = ['echo', 'keyword', 'auto-reply', 'friend-accept', 'room-welcome'] as const;

const builtInPackage = (name: string): string | undefined => {
  const short = name.startsWith('@wxbot/plugin-') ? name.slice('@wxbot/plugin-'.length) : name;
  return (BUILT_IN_PLUGINS as readonly string[]).includes(short) ? `@wxbot/plugin-${short}` : undefined;
};

/** Where `locatePlugin` looks for `name`, in order. */
export function pluginCandidates(name: string, configDir: string): { packages: string[]; file: string } {
  if (name.startsWith('.') || isAbsolute(name)) return { packages: [], file: resolve(configDir, name) };
  const prefixed = SHORT_NAME.test(name) ? [`@wxbot/plugin-${name}`, `wxbot-plugin-${name}`] : [];
  return { packages: [...prefixed, name], file: resolve(configDir, name) };
}

/**
 * Resolves a plugin name to a file: `@wxbot/plugin-<name>`, `wxbot-plugin-<name>`, the package
 * `<name>` (each from `configDir`, then `cwd`, so the user's own node_modules win), then a path
 * relative to `configDir`, and for a built-in plugin (`echo`, `@wxbot/plugin-echo`...) the copy
 * this CLI ships with. Throws `WXBOT_UNKNOWN_PLUGIN` listing every place looked in.
 * @example
 * locatePlugin('echo', { configDir, cwd, label: 'bot.config.ts: plugins[0]' });
 * // → /project/node_modules/@wxbot/plugin-echo/dist/index.js
 */
export function locatePlugin(name: string, options: { configDir: string; cwd: string; label: string }): string {
  registerTypeScript(); // so require.resolve also finds ./plugins/x.ts in plain Node
  const { packages, file } = pluginCandidates(name, options.configDir);
  const paths = [options.configDir, options.cwd];
  for (const request of [...packages, file]) {
    try {
      return require.resolve(request, { paths });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const builtIn = builtInPackage(name);
  if (builtIn) {
    try {
      return require.resolve(builtIn, { paths: [__dirname] });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const looked = [
    ...(packages.length ? [`packages ${packages.join(', ')} (from ${[...new Set(paths)].join(' and ')})`] : []),
    `file ${file} (with .ts, .js, .cjs, .json or /index)`,
  ];
  const fix = packages.length
    ? `Fix: install it (npm install ${packages[0]}) or correct the name; a local plugin is a path starting with "./", relative to ${options.configDir}.`
    : `Fix: correct the path; it is relative to ${options.configDir}.`;
  throw new WxbotError(
    'WXBOT_UNKNOWN_PLUGIN',
    `${options.label}: unknown plugin ${JSON.stringify(name)}. Looked for ${looked.join(' and ')}.\n${fix}`,
    { plugin: name, looked: [...packages, file] },
  );
}

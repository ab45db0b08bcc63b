import { isAbsolute, resolve } from 'node:path';
import { WxbotError } from '@wxbot/core';
import { registerTypeScript } from './ts-require';

const isNotFound = (error: unknown): boolean => (error as { code?: string }).code === 'MODULE_NOT_FOUND';

// Short names get the conventional prefixes; scoped or nested names are taken as they are.
const SHORT_NAME = /^[a-z0-9][\w.-]*$/i;

/** Where `locatePlugin` looks for `name`, in order. */
export function pluginCandidates(name: string, configDir: string): { packages: string[]; file: string } {
  if (name.startsWith('.') || isAbsolute(name)) return { packages: [], file: resolve(configDir, name) };
  const prefixed = SHORT_NAME.test(name) ? [`@wxbot/plugin-${name}`, `wxbot-plugin-${name}`] : [];
  return { packages: [...prefixed, name], file: resolve(configDir, name) };
}

/**
 * Resolves a plugin name to a file: `@wxbot/plugin-<name>`, `wxbot-plugin-<name>`, the package
 * `<name>` (each from `configDir`, then `cwd`, so the user's own node_modules win), then a path
 * relative to `configDir`. Throws `WXBOT_UNKNOWN_PLUGIN` listing every place looked in.
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

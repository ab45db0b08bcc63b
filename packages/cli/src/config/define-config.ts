import type { BotConfig } from './types';

/**
 * Types a `bot.config.ts` without changing it: an identity function, so editors can complete and
 * check every option while the file stays a plain object export.
 * @example
 * // bot.config.ts
 * import { defineConfig } from 'wxbot';
 * import echo from '@wxbot/plugin-echo';
 *
 * export default defineConfig({
 *   plugins: [echo({ prefix: '> ' }), 'keyword'],
 *   login: { mode: 'desktop' },
 *   log: { level: 'debug' },
 * });
 */
// Not generic on purpose: a generic `T extends BotConfig` would skip excess-property checks, and a
// typo such as `logg: {...}` must be a compile error.
export function defineConfig(config: BotConfig): BotConfig {
  return config;
}

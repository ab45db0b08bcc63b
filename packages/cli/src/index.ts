// The `wxbot` package: what a bot.config.ts imports. The CLI itself lives in bin.ts / commands/.
export { defineConfig } from './config/define-config';
export type { BotConfig, LoginMode, LogLevel, PluginEntry, PluginValue, ResolvedConfig } from './config/types';

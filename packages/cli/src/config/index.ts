export { defineConfig } from './define-config';
export { findConfig, SEARCH_PLACES, type FoundConfig } from './find-config';
export type { ConfigProblem } from './format-issues';
export { ENV_VARS, type ConfigFlags } from './layers';
export { loadConfig, type LoadConfigOptions } from './load-config';
export { locatePlugin, pluginCandidates } from './locate-plugin';
export { resolvePlugins, type ResolvePluginsOptions } from './resolve-plugins';
export { LOG_LEVELS, LOGIN_MODES } from './schema';
export type { BotConfig, ConfigSource, LayeredKey, LoginMode, LogLevel, PluginEntry, PluginValue, ResolvedConfig } from './types';

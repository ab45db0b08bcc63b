import { canary, WxbotError, type PluginInstance } from '@wxbot/core';
import { describeValue, displayPath, formatPath } from './format-issues';
import { defaultExport, loadModule } from './load-module';
import { locatePlugin } from './locate-plugin';
import { isPluginDefinition, isPluginFactory, isPluginInstance, isPluginValue, unwrapDefault } from './plugin-shape';
import type { PluginEntry, PluginValue } from './types';

/** Where plugin names are resolved from; `configFile` only makes error messages name the file. */
export interface ResolvePluginsOptions {
  configDir: string;
  cwd: string;
  configFile?: string | null;
}

interface Normalized {
  readonly ref: unknown;
  readonly options: unknown;
  readonly hasOptions: boolean;
  /** `{ use, canary }`: the entry's canary, unchecked. */
  readonly canary?: unknown;
}

function normalize(entry: PluginEntry): Normalized {
  if (Array.isArray(entry)) return { ref: entry[0], options: entry[1], hasOptions: entry.length > 1 };
  if (typeof entry === 'object' && 'use' in entry && !isPluginValue(entry)) {
    return { ref: entry.use, options: entry.options, hasOptions: 'options' in entry, ...('canary' in entry ? { canary: entry.canary } : {}) };
  }
  return { ref: entry, options: undefined, hasOptions: false };
}

// A plugin package exports its plugin as default (or as `plugin`); CommonJS interop may wrap it.
function pluginExport(module: unknown): PluginValue | undefined {
  const named = typeof module === 'object' && module !== null ? (module as { plugin?: unknown }).plugin : undefined;
  return [defaultExport(module), named, module].map(unwrapDefault).find(isPluginValue);
}

function toInstance(value: PluginValue, n: Normalized, label: string): PluginInstance {
  if (isPluginFactory(value)) return n.hasOptions ? value(n.options) : value();
  if (isPluginInstance(value)) {
    if (!n.hasOptions) return value;
    throw new WxbotError('WXBOT_CONFIG_INVALID', `${label}: expected options once, got options for an already configured plugin ${JSON.stringify(value.definition.name)} (pass the plugin itself, not plugin(...), with [plugin, options])`);
  }
  if (isPluginDefinition(value)) return { definition: value, rawOptions: n.options };
  throw new WxbotError('WXBOT_CONFIG_INVALID', `${label}: expected a plugin, got ${describeValue(value)}`);
}

const CANARY = 'canary: expected { chats: [...] } with at least one chat name (a group topic, remark or nickname)';

/** `{ use, canary: { chats } }`: the plugin acts only in those chats (core's `canary`). */
function withCanary(instance: PluginInstance, value: unknown, label: string): PluginInstance {
  const chats = (value as { chats?: unknown } | undefined)?.chats;
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  if (!Array.isArray(chats) || chats.length === 0 || !chats.every((c) => typeof c === 'string' && c.trim() !== '') || keys.some((k) => k !== 'chats')) {
    throw new WxbotError('WXBOT_CONFIG_INVALID', `${label}.${CANARY}, got ${describeValue(value)}`);
  }
  return canary(instance, { chats: chats as string[] });
}

/**
 * Turns the config's `plugins` entries into plugin instances for the bot, loading named plugins
 * (see {@link locatePlugin} for the lookup order). Options are validated later by the bot, against
 * each plugin's own schema.
 * @example
 * const config = await loadConfig();
 * const plugins = await resolvePlugins(config.plugins, config);
 */
export async function resolvePlugins(entries: readonly PluginEntry[], options: ResolvePluginsOptions): Promise<PluginInstance[]> {
  const file = options.configFile ? displayPath(options.configFile, options.cwd) : 'config';
  const instances: PluginInstance[] = [];
  for (const [index, entry] of entries.entries()) {
    const label = `${file}: ${formatPath(['plugins', index])}`;
    const n = normalize(entry);
    let value: unknown = unwrapDefault(n.ref);
    if (typeof n.ref === 'string') {
      const path = locatePlugin(n.ref, { ...options, label });
      const module = await loadModule(path).catch((error: unknown) => {
        throw new WxbotError('WXBOT_CONFIG_INVALID', `${label}: could not load plugin ${JSON.stringify(n.ref)} from ${path}: ${(error as Error).message}`, { plugin: n.ref, path }, { cause: error });
      });
      value = pluginExport(module);
      if (value === undefined) {
        throw new WxbotError('WXBOT_CONFIG_INVALID', `${label}: expected ${path} to export a plugin (from definePlugin) as default or as "plugin", got ${describeValue(module)}`, { plugin: n.ref, path });
      }
    }
    const instance = toInstance(value as PluginValue, n, label);
    instances.push('canary' in n ? withCanary(instance, n.canary, label) : instance);
  }
  return instances;
}

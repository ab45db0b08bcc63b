import type { PluginDefinition, PluginFactory, PluginInstance } from '@wxbot/core';
import type { PluginEntry, PluginValue } from './types';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `definePlugin` definition: `{ name, setup }`. */
export const isPluginDefinition = (value: unknown): value is PluginDefinition<unknown> =>
  isObject(value) && typeof value.name === 'string' && typeof value.setup === 'function';

/** A `definePlugin` result: a callable with a `.definition`. */
export const isPluginFactory = (value: unknown): value is PluginFactory<unknown> =>
  typeof value === 'function' && isPluginDefinition((value as { definition?: unknown }).definition);

/** A called factory: `{ definition, rawOptions }`. */
export const isPluginInstance = (value: unknown): value is PluginInstance<unknown> =>
  isObject(value) && 'rawOptions' in value && isPluginDefinition(value.definition);

/**
 * Unwraps a module namespace (`{ default: plugin }`), which is what a plugin compiled to CommonJS
 * looks like when imported from ESM or `require`d without interop.
 */
export const unwrapDefault = (value: unknown): unknown =>
  isObject(value) && 'default' in value && !isPluginDefinition(value) ? value.default : value;

/** Any of the three shapes `definePlugin` gives out (module namespaces unwrapped). */
export const isPluginValue = (value: unknown): value is PluginValue => {
  const plugin = unwrapDefault(value);
  return isPluginFactory(plugin) || isPluginInstance(plugin) || isPluginDefinition(plugin);
};

const isReference = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '') || isPluginValue(value);

/** Whether `value` is one of the accepted `plugins` entry forms (see {@link PluginEntry}). */
export const isPluginEntry = (value: unknown): value is PluginEntry => {
  if (Array.isArray(value)) return value.length >= 1 && value.length <= 2 && isReference(value[0]);
  if (isObject(value) && 'use' in value && !isPluginValue(value)) return isReference(value.use);
  return isReference(value);
};

import type { PluginDefinition, PluginFactory, PluginInstance } from './types';

/**
 * Declares a plugin. Returns a factory: call it with the user's options to put the plugin in
 * the config's `plugins` list (options are validated later, when the bot loads its plugins, so
 * that every bad option is reported at startup with the plugin's name).
 * @example
 * export const ping = definePlugin({
 *   name: 'ping',
 *   options: z.object({ answer: z.string().default('pong') }),
 *   setup(api, options) { api.hears('ping', () => options.answer); },
 * });
 * // bot.config.ts: plugins: [ping({ answer: 'PONG' })]
 */
export function definePlugin<O = void>(definition: PluginDefinition<O>): PluginFactory<O> {
  const factory = (options?: unknown): PluginInstance<O> => Object.freeze({ definition, rawOptions: options });
  Object.defineProperty(factory, 'definition', { value: definition, enumerable: true });
  Object.defineProperty(factory, 'name', { value: definition.name });
  return factory as PluginFactory<O>;
}

import type { PluginDefinition, PluginFactory, PluginInstance } from './types';

/**
 * Declares a plugin. Returns a factory: call it with the user's options to put the plugin in
 * the config's `plugins` list (options are validated later, when the bot loads its plugins, so
 * that every bad option is reported at startup with the plugin's name). The factory's parameter
 * is typed from the schema's input, so a wrong option type is also a compile error.
 * @example
 * export const ping = definePlugin({
 *   name: 'ping',
 *   options: z.object({ answer: z.string().default('pong') }),
 *   setup(api, options) { api.hears('ping', () => options.answer); },
 * });
 * // bot.config.ts: plugins: [ping({ answer: 'PONG' })]
 */
export function definePlugin<O = void, I = O>(definition: PluginDefinition<O, I>): PluginFactory<O, I> {
  const factory = (options?: I): PluginInstance<O> => Object.freeze({ definition, rawOptions: options });
  Object.defineProperty(factory, 'definition', { value: definition, enumerable: true });
  Object.defineProperty(factory, 'name', { value: definition.name });
  return factory as PluginFactory<O, I>;
}

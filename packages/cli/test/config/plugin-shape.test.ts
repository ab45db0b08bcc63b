import { definePlugin } from '@wxbot/core';
import { isPluginDefinition, isPluginEntry, isPluginFactory, isPluginInstance, isPluginValue, unwrapDefault } from '../../src/config/plugin-shape';

const factory = definePlugin({ name: 'hello', setup() {} });
const instance = factory();
const definition = factory.definition;

describe('plugin shapes', () => {
  it('tells the three definePlugin shapes apart', () => {
    expect([isPluginFactory(factory), isPluginInstance(factory), isPluginDefinition(factory)]).toEqual([true, false, false]);
    expect([isPluginFactory(instance), isPluginInstance(instance), isPluginDefinition(instance)]).toEqual([false, true, false]);
    expect([isPluginFactory(definition), isPluginInstance(definition), isPluginDefinition(definition)]).toEqual([false, false, true]);
    expect(isPluginDefinition({ name: 'x' })).toBe(false);
    expect(isPluginDefinition({ name: 1, setup() {} })).toBe(false);
    expect(isPluginFactory(() => undefined)).toBe(false);
  });

  it('unwraps a module namespace, but not a definition that has a default key', () => {
    expect(unwrapDefault({ default: factory })).toBe(factory);
    const withDefault = { name: 'd', setup() {}, default: 1 };
    expect(unwrapDefault(withDefault)).toBe(withDefault);
    expect(isPluginValue({ default: instance })).toBe(true);
    expect(isPluginValue({ default: 'hello' })).toBe(false);
    expect(isPluginValue('hello')).toBe(false);
  });

  it('accepts each plugins entry form and refuses the rest', () => {
    for (const entry of ['hello', './plugins/local', factory, instance, definition, ['hello'], ['hello', { loud: true }], [factory, {}], { use: 'hello' }, { use: factory, options: {} }]) {
      expect(isPluginEntry(entry)).toBe(true);
    }
    for (const entry of ['', '  ', 42, null, [], ['hello', {}, 'extra'], [''], { use: '' }, { use: 3 }, { name: 'x' }]) {
      expect([entry, isPluginEntry(entry)]).toEqual([entry, false]);
    }
  });
});

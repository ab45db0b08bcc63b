import { deepFreeze } from '../../src/message/deep-freeze';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays in place and returns the same value', () => {
    const value = { a: { b: [1, { c: 2 }] }, d: new Date(0) };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(value.d)).toBe(true);
    expect(() => {
      'use strict';
      (value.a.b as unknown[]).push(3);
    }).toThrow(TypeError);
  });

  it('returns primitives and null unchanged, and ends on cycles', () => {
    expect(deepFreeze(5)).toBe(5);
    expect(deepFreeze(null)).toBeNull();
    const cyclic: { self?: unknown; child: { parent?: unknown } } = { child: {} };
    cyclic.self = cyclic;
    cyclic.child.parent = cyclic;
    deepFreeze(cyclic);
    expect(Object.isFrozen(cyclic.child)).toBe(true);
  });
});

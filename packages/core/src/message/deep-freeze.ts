/**
 * Freezes an object graph (plain objects and arrays) in place and returns it typed readonly.
 * `Date` instances are frozen too, although their internal time slot stays settable: treat
 * them as values.
 * @example
 * const frozen = deepFreeze({ a: { b: 1 } }); // Object.isFrozen(frozen.a) === true
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

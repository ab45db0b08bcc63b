import type { Incoming, TextOptions } from './types';

/** `receive('hi', { from })` and `receive({ kind: 'text', text: 'hi', from })` are the same thing. */
export function toIncoming(first: string | Incoming, options: TextOptions = {}): Incoming {
  return typeof first === 'string' ? { kind: 'text', text: first, ...options } : first;
}

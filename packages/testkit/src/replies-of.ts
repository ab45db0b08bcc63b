import type { PluginEntry } from '@wxbot/core';
import { createTestBot } from './create-test-bot';
import type { Incoming, Reply, TestBotOptions } from './types';

/**
 * One-liner: the replies `plugins` send for `inputs` (texts from the first friend, or any
 * Incoming), received one after another by a fresh test bot that is closed afterwards.
 * @example
 * expect(await repliesOf(echo(), 'hi', { kind: 'text', text: 'yo', from: 'Bob' })).toEqual([
 *   { to: 'Alice', text: 'hi' }, { to: 'Bobby', text: 'yo' },
 * ]);
 */
export async function repliesOf(plugins: PluginEntry | readonly PluginEntry[], ...inputs: ReadonlyArray<string | Incoming>): Promise<Reply[]> {
  return repliesWith({ plugins: Array.isArray(plugins) ? plugins : [plugins as PluginEntry] }, ...inputs);
}

/** {@link repliesOf} with full options (address book, mode). */
export async function repliesWith(options: TestBotOptions, ...inputs: ReadonlyArray<string | Incoming>): Promise<Reply[]> {
  const bot = await createTestBot(options);
  try {
    const out: Reply[] = [];
    for (const input of inputs) out.push(...(typeof input === 'string' ? await bot.receive(input) : await bot.receive(input)));
    return out;
  } finally {
    await bot.close();
  }
}

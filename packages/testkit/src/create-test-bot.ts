import { createInProcessBot } from './in-process';
import { createSimulatorBot } from './over-http';
import type { TestBot, TestBotMode, TestBotOptions } from './types';

/** The mode a test bot uses when its options do not say: `WXBOT_TESTKIT_MODE`, else 'in-process'. */
export function defaultMode(env: Readonly<Record<string, string | undefined>> = process.env): TestBotMode {
  const mode = env['WXBOT_TESTKIT_MODE'];
  if (mode === undefined || mode === '') return 'in-process';
  if (mode === 'in-process' || mode === 'simulator') return mode;
  throw new Error(`WXBOT_TESTKIT_MODE must be "in-process" or "simulator", got ${JSON.stringify(mode)}`);
}

/**
 * A bot for plugin tests. In process (default) it runs the real parser, plugin host and
 * dispatcher with no network and no timers; with `mode: 'simulator'` (or
 * `WXBOT_TESTKIT_MODE=simulator`) the same test runs a real Bot over HTTP against the simulator.
 * Bad plugin options reject here, with the same error as `wxbot start`.
 * @example
 * const bot = await createTestBot({ plugins: [echo()] });
 * expect(await bot.receive('hi', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'hi' }]);
 * await bot.close();
 */
export function createTestBot(options: TestBotOptions): Promise<TestBot> {
  return (options.mode ?? defaultMode()) === 'simulator' ? createSimulatorBot(options) : createInProcessBot(options);
}

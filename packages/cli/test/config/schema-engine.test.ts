import { loadConfig, type ConfigFlags } from '../../src/config';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

// The engine's options (outbox, safety governor, sync timers) get the same
// "<file>: <path>: expected <x>, got <y>" errors as the rest of the config.

async function problems(config: string, env: Record<string, string> = {}, flags: ConfigFlags = {}): Promise<string> {
  const cwd = await tempProject({ 'bot.config.ts': `export default ${config};` });
  return loadConfig({ cwd, env, flags }).then(
    () => 'no error',
    (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
  );
}

const HHMM = 'a time "HH:MM" (24-hour, e.g. "07:30")';

describe('engine options in bot.config.ts', () => {
  it.each([
    ['{ outbox: { limits: true } }', 'outbox.limits: expected false or { global, perChat, risky, jitterMs }, got true'],
    ['{ outbox: { limits: { global: { intervalMs: 1000, burst: 0 } } } }', 'outbox.limits.global.burst: expected an integer >= 1, got 0'],
    ["{ outbox: { limits: { global: 'fast' } } }", 'outbox.limits.global: expected false or { intervalMs, burst }, got "fast"'],
    ['{ outbox: { limits: { jitterMS: 5 } } }', 'outbox.limits.jitterMS: expected a known option ("global" | "perChat" | "risky" | "jitterMs"), got unknown option "jitterMS" (did you mean "jitterMs"?)'],
    ['{ outbox: { limit: false } }', 'outbox.limit: expected a known option ("limits" | "dailyCaps" | "breaker" | "retry" | "maxAgeMs" | "persist" | "concurrency" | "timeZone" | "quietHours" | "pacing" | "broadcast"), got unknown option "limit" (did you mean "limits"?)'],
    ['{ outbox: { dailyCaps: { text: -1 } } }', 'outbox.dailyCaps.text: expected an integer >= 0, got -1'],
    ["{ outbox: { timeZone: 'Mars/Base' } }", 'outbox.timeZone: expected an IANA time zone such as "Asia/Shanghai", got "Mars/Base"'],
    ["{ outbox: { quietHours: { from: '23:00', to: '7:00' } } }", `outbox.quietHours.to: expected ${HHMM}, got "7:00"`],
    ["{ outbox: { quietHours: { from: '23:00', to: '07:00', policy: 'drop' } } }", 'outbox.quietHours.policy: expected "wait" | "fail", got "drop"'],
    ["{ outbox: { quietHours: { from: '23:00', to: '07:00', chats: { '@a': { from: '1', to: '02:00' } } } } }", `outbox.quietHours.chats.@a.from: expected ${HHMM}, got "1"`],
    ['{ outbox: { pacing: { jitter: 2 } } }', 'outbox.pacing.jitter: expected a fraction from 0 to 1, got 2'],
    ['{ outbox: { pacing: true } }', 'outbox.pacing: expected false or { baseMs, perCharMs, maxMs, jitter, chatGapMs }, got true'],
    ['{ outbox: { broadcast: { gapMs: -1 } } }', 'outbox.broadcast.gapMs: expected an integer >= 0, got -1'],
    ["{ skipOlderThanMs: '1h' }", 'skipOlderThanMs: expected an integer >= 1, got "1h"'],
    ['{ watchdogMs: 0 }', 'watchdogMs: expected an integer >= 1, got 0'],
    ['{ backoff: { baseMs: 10 } }', 'backoff.capMs: expected an integer >= 1, got nothing'],
  ])('%s', async (config, line) => {
    expect(await problems(config)).toBe(`WXBOT_CONFIG_INVALID: bot.config.ts: ${line}`);
  });

  it('names a daily cap that is neither a kind, a group nor risky, listing the names', async () => {
    const message = await problems('{ outbox: { dailyCaps: { texts: 5 } } }');
    expect(message).toMatch(/^WXBOT_CONFIG_INVALID: bot\.config\.ts: outbox\.dailyCaps\.texts: expected a cap name \("text" \| "send-image" .* \| "media" \| "friend" \| "group" \| "risky"\), got/);
  });

  it('validates the engine variables and flags, naming each', async () => {
    const message = await problems('{}', { WXBOT_LIMITS: 'sometimes', WXBOT_QUIET_HOURS: '23-07', WXBOT_SKIP_OLDER_THAN_MS: '-3' }, { timeZone: 'Nowhere/City' });
    expect(message.split('\n')).toEqual([
      'WXBOT_CONFIG_INVALID: environment variable WXBOT_SKIP_OLDER_THAN_MS: expected an integer >= 1 (milliseconds), got "-3"',
      'environment variable WXBOT_LIMITS: expected true or false (on/off, 1/0), got "sometimes"',
      'environment variable WXBOT_QUIET_HOURS: expected a window "HH:MM-HH:MM" such as "23:00-07:00", or "off", got "23-07"',
      'flag --time-zone: expected an IANA time zone such as "Asia/Shanghai", got "Nowhere/City"',
    ]);
  });

  it('accepts a full, valid engine section', async () => {
    const ok = await problems(
      "{ outbox: { limits: { global: { intervalMs: 1500, burst: 3 }, perChat: false }, dailyCaps: { text: 800, friend: 10 }, timeZone: 'Asia/Shanghai', quietHours: { from: '23:30', to: '07:30', chats: { '@@family': false } }, pacing: false }, skipOlderThanMs: 600000 }",
    );
    expect(ok).toBe('no error');
  });
});

import type { Layer } from './layers';
import type { BotConfig, EngineLayeredKey } from './types';
import type { EngineSettings } from './types-engine';

/** Reads a layered value (flag > env > file), or undefined when no layer sets it. */
export type PickLayered = <K extends EngineLayeredKey>(key: K) => Layer[K] | undefined;

/**
 * The engine's options for the Bot: the file's `outbox`, `skipOlderThanMs` and sync timers, with
 * what flags and environment variables set on top (`--no-limits`, `--time-zone`,
 * `--quiet-hours`, `--skip-older-than`). A flag's quiet window keeps the file's policy and chats.
 * @example engineSettings({ outbox: { limits: false } }, pick).outbox; // { limits: false }
 */
export function engineSettings(file: BotConfig, pick: PickLayered): EngineSettings {
  const outbox: NonNullable<EngineSettings['outbox']> = { ...file.outbox };
  const limits = pick('outbox.limits');
  if (limits === false) outbox.limits = false;
  // `--limits` over a file's `limits: false`: the defaults.
  else if (limits === true && outbox.limits === false) delete outbox.limits;
  const timeZone = pick('outbox.timeZone');
  if (timeZone !== undefined) outbox.timeZone = timeZone;
  const quiet = pick('outbox.quietHours');
  if (quiet === false) outbox.quietHours = false;
  else if (quiet !== undefined) outbox.quietHours = { ...(file.outbox?.quietHours || {}), ...quiet };
  const skip = pick('skipOlderThanMs');
  return {
    ...(Object.keys(outbox).length > 0 ? { outbox } : {}),
    ...(skip !== undefined ? { skipOlderThanMs: skip } : {}),
    ...(file.watchdogMs !== undefined ? { watchdogMs: file.watchdogMs } : {}),
    ...(file.longPollTimeoutMs !== undefined ? { longPollTimeoutMs: file.longPollTimeoutMs } : {}),
    ...(file.loginPollTimeoutMs !== undefined ? { loginPollTimeoutMs: file.loginPollTimeoutMs } : {}),
    ...(file.backoff !== undefined ? { backoff: file.backoff } : {}),
    ...(file.identities !== undefined ? { identities: file.identities } : {}),
  };
}

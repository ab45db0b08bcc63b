import type { BotOptions, OutboxOptions } from '@wxbot/core';

/**
 * The engine's options in `bot.config.ts`: the same names and types as `BotOptions` (so a program
 * and a config file read alike), without what only code can give (`outbox.clock`).
 * See docs/configuration.md and docs/safety.md.
 */
export interface EngineConfig {
  /**
   * Pacing, caps, quiet hours, retries and persistence of every outgoing action (docs/safety.md).
   * `limits: false` switches the pacing off (tests, benchmarks). Flags `--no-limits`,
   * `--time-zone`, `--quiet-hours`; env `WXBOT_LIMITS`, `WXBOT_TIME_ZONE`, `WXBOT_QUIET_HOURS`.
   * @example outbox: { timeZone: 'Asia/Shanghai', quietHours: { from: '23:00', to: '07:30' }, dailyCaps: { text: 1000 } }
   */
  outbox?: Omit<OutboxOptions, 'clock'>;
  /**
   * Messages older than this when they reach the bot (sent while it was down) are marked handled
   * without running the plugins. Default: none skipped. Flag `--skip-older-than MS`, env `WXBOT_SKIP_OLDER_THAN_MS`.
   */
  skipOlderThanMs?: number;
  /** Re-init the session after this long without a successful synccheck. Default `60000`. */
  watchdogMs?: number;
  /** Client timeout of the synccheck long poll (the server holds ~25 s). Default `35000`. */
  longPollTimeoutMs?: number;
  /** Client timeout of the login long poll. Default `35000`. */
  loginPollTimeoutMs?: number;
  /** Back-off of the sync loop after errors. Default `{ baseMs: 1000, capMs: 30000 }`. */
  backoff?: BotOptions['backoff'];
  /**
   * After a new login, what becomes of a queued action whose contact is not found again
   * (docs/identities.md): `'fail'` it with WXBOT_CONTACT_UNRESOLVED (default) or `'keep'` it
   * queued, unsent, until a later login finds the contact.
   * @example identities: { unresolved: 'keep' }
   */
  identities?: BotOptions['identities'];
}

/** What the engine options resolve to: the part of BotOptions `wxbot start` passes on. */
export type EngineSettings = Pick<BotOptions, 'outbox' | 'skipOlderThanMs' | 'watchdogMs' | 'longPollTimeoutMs' | 'loginPollTimeoutMs' | 'backoff' | 'identities'>;

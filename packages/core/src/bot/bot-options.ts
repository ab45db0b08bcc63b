import type { LoginMode, SyncResponse } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { PluginEntry } from '../plugin/plugin-host';
import type { OutboxOptions } from '../outbox/options';
import type { Durability } from '../storage/state-log';
import type { StateStore } from '../storage/state-store';
import type { MediaStash } from '../media/media-stash';

/** Options of a Bot. Every field has a sensible default. */
export interface BotOptions {
  /** Plugins in pipeline order. */
  plugins?: readonly PluginEntry[];
  /** Where the session is saved (0700 dir, 0600 files). Default `process.env.WXBOT_HOME ?? './.wxbot'`. */
  home?: string;
  /**
   * Where everything that must survive a crash is kept (session, inbox journal, outbox). Default:
   * the append-only state log `<home>/state.log`. Tests can pass a `MemoryStateStore`.
   */
  store?: StateStore;
  /**
   * What a saved record (session keys, journalled message, queued send) survives, for the default
   * state log: `'process'` a crash of the process, `'power'` also a power loss (each group commit
   * is flushed to the disk with `fdatasync`; costs a disk flush per group, see docs/reliability.md).
   * Default `'process'`. Ignored with `store`.
   * @example new Bot({ durability: 'power' });
   */
  durability?: Durability;
  /**
   * Where plugins' `api.storage` values live: `'home'` (default) a file per plugin in
   * `<home>/plugins/`, `'store'` the `plugins` section of `store` (with a Redis store they move
   * with the account; `wxbot start` chooses it for a Redis store).
   */
  pluginStorage?: 'home' | 'store';
  /**
   * Where the bytes of media waiting to be sent are kept besides `<home>/media/`, so a send
   * resumed on another machine finds them (`@wxbot/store-redis`: `store.media`). Default: none.
   */
  mediaStash?: MediaStash;
  /** `http://HOST:PORT`: talk to this address (the simulator) with the real Host headers. Default `WXBOT_ENDPOINT`. */
  endpoint?: string;
  /** Proxy URL for every request (`false`: none). Default: `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (see createWebwxHttp). */
  proxy?: string | false;
  login?: {
    /** 'desktop' uses the UOS login (docs/protocol.md 12.3) for accounts refused on web (1203). */
    mode?: LoginMode;
    /** QR codes to issue before giving up. Default 5. */
    qrRetries?: number;
    /** Try the saved session first. Default true. */
    resume?: boolean;
    /** Then try push login (confirm on the phone, no scan). Default true. */
    pushLogin?: boolean;
    /** Desktop mode's extspam header value, if your deployment needs one. */
    extspam?: string;
  };
  /** Log in again after the server ends the session. Default true. */
  relogin?: boolean;
  /** pino logger; default: a silent one. */
  logger?: Logger;
  /** A handler still running after this long is abandoned (its signal aborts). Default 30 s. */
  handlerTimeoutMs?: number;
  /** On stop, how long in-flight handlers may take before they are abandoned. Default 10 s. */
  stopTimeoutMs?: number;
  /** Client timeout of the synccheck long poll (the server holds ~25 s). Default 35 s. */
  longPollTimeoutMs?: number;
  /** Re-init after this long without a successful synccheck. Default 60 s. */
  watchdogMs?: number;
  /** Client timeout of the login long poll. Default 35 s. */
  loginPollTimeoutMs?: number;
  /** Backoff of the sync loop after errors. Default 1 s doubling to 30 s, with jitter. */
  backoff?: { baseMs: number; capMs: number };
  /**
   * Pacing, retries, caps and persistence of every outgoing action (docs/reliability.md).
   * Rate limits are on by default; `{ limits: false }` turns them off (tests, benchmarks).
   * @example
   * new Bot({ outbox: { limits: { global: { intervalMs: 1500, burst: 3 } }, dailyCaps: { risky: 20 }, maxAgeMs: 86_400_000 } });
   */
  outbox?: OutboxOptions;
  /**
   * Messages older than this (by their server time) when they reach the bot, typically sent
   * while it was down, are recorded as handled without running the plugins. Default:
   * undefined, every message is handled however late (docs/reliability.md).
   */
  skipOlderThanMs?: number;
  /** `download()` refuses media above `maxBytes` (default 25 MiB; use `downloadTo()` for more). */
  media?: { maxBytes?: number };
  /**
   * `'dry-run'`: log in, receive and run every plugin as usual, but send nothing: each action the
   * outbox would carry out is logged and kept in `bot.dryRun` instead. Default `'live'`.
   */
  mode?: 'live' | 'dry-run';
  /**
   * Log one info line per incoming message the plugins handle and one per action sent (chat,
   * sender, kind, a short excerpt), for a person watching the bot. Default false (the CLI's
   * `log.messages` turns it on).
   */
  logMessages?: boolean;
  /**
   * Hears the raw incoming traffic: every webwxsync answer (AddMsgList, ModContactList, ...),
   * after it was applied to `bot.contacts`. Secrets are in it (SyncKey): `wxbot record` sanitises
   * what it keeps. Must not throw or block.
   */
  tap?: { batch(res: SyncResponse): void };
  /**
   * Stable ids across logins (docs/identities.md). After a new login, a queued action whose
   * contact is not found again is `'fail'`ed with WXBOT_CONTACT_UNRESOLVED (default), or
   * `'keep'`: it stays queued, unsent, until a later login finds the contact. Either way an
   * `unresolved` event and a log line name it.
   */
  identities?: { unresolved?: 'keep' | 'fail' };
}

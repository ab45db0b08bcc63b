import type { AccountSpec } from './accounts/account-set';
import type { Scenario } from './scenario/types';

/** Options of `startSimulator`. Every hold and limit is tunable so tests stay fast. */
export interface SimulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default `demoScenario()`. */
  scenario?: Scenario;
  /** MAIN host that `redirect_uri` points to: 'wx2.qq.com' (default), 'wx.qq.com', 'wx8.qq.com', 'web.wechat.com', 'web2.wechat.com'. */
  mainHost?: string;
  /** The phone scans and confirms by itself shortly after the first login poll of each uuid. */
  autoConfirm?: boolean;
  /** Delay between the first poll and the auto scan, and between scan and confirm (default 50 ms). */
  autoConfirmDelayMs?: number;
  /** synccheck hold (default 25000). */
  longPollMs?: number;
  /** Login poll hold before `408` (default 25000). */
  loginPollMs?: number;
  /** uuid lifetime before the poll answers `400` (default 300000). */
  uuidTtlMs?: number;
  /** webwxgetcontact page size (default 800). */
  contactPageSize?: number;
  /** Most AddMsgList/ModContactList entries in one webwxsync (default 100); the rest wait for the next. */
  syncBatchSize?: number;
  /** webwxsync answers `SyncKey.Count 0` when nothing changed (default true), as the real server sometimes does. */
  emptySyncKeyWhenIdle?: boolean;
  /** Also check Skey, DeviceID format and pass_ticket (default false: lenient like the real server). */
  strict?: boolean;
  /** Seed for ids and generated data (default random). */
  seed?: number;
  /**
   * Time source for protocol time windows (the 2-minute revoke window), default `Date.now`.
   * `Simulator.advanceClock(ms)` / `POST /__sim/clock` move it forward on top of this source.
   */
  now?: () => number;
  /**
   * Accounts served at once (default 1): a count (`account-1` … `account-N`, the others' address
   * books derived from `scenario`) or named accounts. The first is the default of every call
   * that names none; see README "Many accounts".
   */
  accounts?: number | AccountSpec[];
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'scenario' | 'seed' | 'now' | 'accounts'>> & Pick<SimulatorOptions, 'seed' | 'now'>;

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    mainHost: options.mainHost ?? 'wx2.qq.com',
    autoConfirm: options.autoConfirm ?? false,
    autoConfirmDelayMs: options.autoConfirmDelayMs ?? 50,
    longPollMs: options.longPollMs ?? 25_000,
    loginPollMs: options.loginPollMs ?? 25_000,
    uuidTtlMs: options.uuidTtlMs ?? 300_000,
    contactPageSize: Math.max(1, options.contactPageSize ?? 800),
    syncBatchSize: Math.max(1, options.syncBatchSize ?? 100),
    emptySyncKeyWhenIdle: options.emptySyncKeyWhenIdle ?? true,
    strict: options.strict ?? false,
    seed: options.seed,
    now: options.now,
  };
}

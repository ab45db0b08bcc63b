import type { Rng } from '../util/rng';
import { Waiters } from '../util/waiters';

/** Phone-side state of one QR login. */
export type LoginStatus = 'waiting' | 'scanned' | 'confirmed' | 'cancelled' | 'redeemed';

export interface PendingLogin {
  uuid: string;
  createdAt: number;
  status: LoginStatus;
  /** Created by jslogin with `mod=desktop` in redirect_uri (UOS mode). */
  desktop: boolean;
  /** jslogin's `lang` (zh_CN, en_US), echoed in redirect_uri. */
  lang: string;
  /** The 201 answer was given (a poll sees 201 before 200 even if the phone confirmed at once). */
  told201: boolean;
  ticket: string;
  scanTime: number;
  polled: boolean;
  /**
   * The account this uuid logs into (a multi-account simulator): set by push login (the
   * account's own phone) or when a phone confirms. Undefined means the first account.
   */
  account?: string | undefined;
  readonly waiters: Waiters;
}

/**
 * Login uuids and their tickets. uuids expire after `ttlMs` (the poll then
 * answers 400); a ticket can be redeemed once.
 */
export class LoginRegistry {
  private readonly byUuid = new Map<string, PendingLogin>();
  private latestUuid: string | undefined;
  /**
   * Picks the account a confirm without a named account logs into (auto-confirm, `POST
   * /__sim/confirm` without `?account=`). Unset with one account: the uuid stays unassigned.
   */
  chooseAccount: (() => string | undefined) | undefined;

  constructor(
    private readonly rng: Rng,
    private readonly ttlMs: number,
  ) {}

  create(desktop: boolean, lang = 'zh_CN', account?: string): PendingLogin {
    const login: PendingLogin = {
      lang,
      uuid: `${this.rng.base64(10).replace(/[+/]/g, 'Q')}==`,
      createdAt: Date.now(),
      status: 'waiting',
      desktop,
      told201: false,
      ticket: '',
      scanTime: 0,
      polled: false,
      waiters: new Waiters(),
    };
    if (account !== undefined) login.account = account;
    this.byUuid.set(login.uuid, login);
    this.latestUuid = login.uuid;
    return login;
  }

  /** A live (not expired, not finished) login by uuid. */
  get(uuid: string): PendingLogin | undefined {
    const login = this.byUuid.get(uuid);
    if (!login) return undefined;
    if (login.status !== 'confirmed' && Date.now() - login.createdAt > this.ttlMs) return undefined;
    return login;
  }

  latest(): PendingLogin | undefined {
    return this.latestUuid === undefined ? undefined : this.get(this.latestUuid);
  }

  scan(login: PendingLogin): void {
    if (login.status !== 'waiting') return;
    login.status = 'scanned';
    login.waiters.wakeAll();
  }

  /** `account`: the phone that confirms (a pushed uuid keeps its own account). */
  confirm(login: PendingLogin, account?: string): void {
    if (login.status !== 'waiting' && login.status !== 'scanned') return;
    login.account ??= account ?? this.chooseAccount?.();
    login.status = 'confirmed';
    login.scanTime = Math.floor(Date.now() / 1000);
    login.ticket = `A${this.rng.base64(23).replace(/[+/]/g, '_')}@qrticket_0`;
    login.waiters.wakeAll();
  }

  cancel(login: PendingLogin): void {
    login.status = 'cancelled';
    login.waiters.wakeAll();
  }

  /** Logins confirmed into an account whose ticket is not redeemed yet (an account is taken). */
  *awaitingRedeem(): Iterable<PendingLogin> {
    const now = Date.now();
    for (const login of this.byUuid.values()) {
      if (login.status === 'confirmed' && login.account !== undefined && now - login.createdAt <= this.ttlMs) yield login;
    }
  }

  /** Single use: the second redemption of a ticket fails. */
  redeem(ticket: string, uuid: string): PendingLogin | undefined {
    const login = this.byUuid.get(uuid);
    if (!login || login.status !== 'confirmed' || login.ticket !== ticket) return undefined;
    login.status = 'redeemed';
    return login;
  }
}

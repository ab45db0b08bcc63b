import { setMaxListeners } from 'node:events';
import { AddressBook } from './contacts/address-book';
import { SimulatorError } from './errors';
import { FaultTable } from './faults';
import { deriveHosts, type HostFamily } from './hosts';
import { LoginRegistry } from './login/login-registry';
import type { ResolvedOptions } from './options';
import type { Scenario } from './scenario/types';
import { Session } from './session/session';
import type { SyncEvent } from './sync/sync-log';
import { MediaStore } from './media/media-store';
import { Clock } from './util/clock';
import { Rng } from './util/rng';

/** One message the client sent, as recorded for `sent()` / `GET /__sim/sent`. */
export interface SentRecord {
  /** Server id returned as `MsgID`. */
  msgId: string;
  localId: string;
  clientMsgId: string;
  /** `Msg.Type` (1 text, 42 card, 48 location …). */
  type: number;
  content: string;
  fromUserName: string;
  toUserName: string;
  /** Nickname (or remark) of the friend, or the group topic. */
  to: string;
  /** Set when the target is a group (its topic). */
  room?: string;
  /** Epoch ms on the simulator clock (see `advanceClock`). */
  at: number;
  /** Media sends: the MediaId sent (image, video, file attachid, emoticon). */
  mediaId?: string;
  /** Media sends: file name of the uploaded file. */
  fileName?: string;
  /** Media sends: size in bytes of the uploaded file. */
  size?: number;
  /** Media sends: md5 (hex) of the uploaded bytes. */
  md5?: string;
  /** Set by a successful webwxrevokemsg. */
  revoked?: boolean;
  /** Clock time of the revoke. */
  revokedAt?: number;
}

/** A friend request the account sent with webwxverifyuser Opcode 2 (or 1). */
export interface OutgoingFriendRequest {
  /** Person index in the address book. */
  person: number;
  nickName: string;
  userName: string;
  greeting: string;
  at: number;
  status: 'pending' | 'accepted';
}

/**
 * The simulator's state, shared by all route modules: options, host family,
 * the address book, pending logins, sessions, faults and the send record.
 * Nothing lives at module level, so two simulators never share anything.
 */
export class SimCore {
  readonly family: HostFamily;
  readonly rng: Rng;
  readonly book: AddressBook;
  readonly logins: LoginRegistry;
  readonly faults = new FaultTable();
  readonly sent: SentRecord[] = [];
  readonly media = new MediaStore();
  readonly clock: Clock;
  /** Tickets of friend requests received (injected), by person index: webwxverifyuser Opcode 3 must present it. */
  readonly incomingRequests = new Map<number, string>();
  /** Friend requests the account sent, in order. */
  readonly outgoingRequests: OutgoingFriendRequest[] = [];
  /** Long-lived account credentials (10-year cookies) used by push login. */
  readonly account: { uin: number; authTicket: string; uvid: string; webLoginBlocked: boolean; desktopCapable: boolean };
  private readonly sessions = new Map<string, Session>();
  private currentSession: Session | undefined;
  private readonly closing = new AbortController();

  /**
   * `name`: the account's name in a multi-account simulator (`?account=NAME`); `logins`: the
   * uuid registry shared by every account of one simulator (a uuid belongs to whichever
   * account's phone confirms it), created here for the first account.
   */
  constructor(
    readonly options: ResolvedOptions,
    scenario: Scenario,
    readonly name = 'account-1',
    logins?: LoginRegistry,
  ) {
    // Every request in flight listens for the shutdown: hundreds at once is normal, not a leak.
    setMaxListeners(0, this.closing.signal);
    this.family = deriveHosts(options.mainHost);
    this.rng = new Rng(options.seed);
    this.clock = new Clock(options.now);
    this.book = new AddressBook(scenario, this.rng);
    this.logins = logins ?? new LoginRegistry(this.rng, options.uuidTtlMs);
    this.account = {
      uin: scenario.self.uin ?? this.rng.int(100000000, 3999999999),
      authTicket: `CIsBE${this.rng.base64(170)}=`,
      uvid: this.rng.hex(96),
      webLoginBlocked: scenario.self.webLoginBlocked === true,
      desktopCapable: scenario.self.desktopCapable === true,
    };
  }

  /** Aborted by `close()`: ends every hold and timer. */
  get signal(): AbortSignal {
    return this.closing.signal;
  }

  /** A new login kicks the previous session of the account (its synccheck then gets 1101). */
  startSession(desktop: boolean): Session {
    this.currentSession?.end(1101);
    const session = new Session(this.account.uin, desktop, this.book, this.rng);
    this.sessions.set(session.sid, session);
    this.currentSession = session;
    return session;
  }

  findSession(sid: string): Session | undefined {
    return this.sessions.get(sid);
  }

  get current(): Session | undefined {
    return this.currentSession;
  }

  /** The live session, or a 409 for control calls that need one. */
  requireSession(): Session {
    const session = this.currentSession;
    if (!session || session.ended !== undefined) throw new SimulatorError('no active session: log in first', 409);
    return session;
  }

  /** Appends to a session's log and wakes its synccheck polls. */
  publish(session: Session, event: SyncEvent): void {
    session.log.append(event);
    session.notify();
  }

  close(): void {
    this.closing.abort();
  }
}

import { Directory } from '../contacts/directory';
import type { WireEntry } from '../messages/entry';
import type { AddressBook } from '../contacts/address-book';
import { SyncLog, formatSyncKey } from '../sync/sync-log';
import type { Lang } from '../messages/wording';
import type { Rng } from '../util/rng';
import { Waiters } from '../util/waiters';

/** Why a session ended, as synccheck reports it: 1100 logged out, 1101 kicked, 1102 cookie invalid. */
export type EndCode = 1100 | 1101 | 1102;

/**
 * One web login: credentials, its session-scoped UserNames, its change log
 * and the synccheck polls waiting on it.
 */
export class Session {
  readonly sid: string;
  skey: string;
  /** Raw (unencoded) pass_ticket; the XML carries it URL-encoded. */
  readonly passTicket: string;
  readonly dataTicket: string;
  readonly loadTime: number;
  readonly directory: Directory;
  readonly log: SyncLog;
  readonly waiters = new Waiters();
  /** Entries published in this session by MsgId (duplicates, recalls). */
  readonly messages = new Map<string, WireEntry>();
  ended: EndCode | undefined;
  /** The SyncCheckKey last handed out; synccheck with any other key gets selector 2. */
  lastCheckKey: string;
  /** Log position of `lastCheckKey`. */
  checkPosition = 0;
  syncCount = 0;
  statusNotified = false;
  /** Language of server texts (10000 lines, revoke wording), from the login's `lang`. */
  lang: Lang = 'zh_CN';

  constructor(
    readonly uin: number,
    readonly desktop: boolean,
    book: AddressBook,
    rng: Rng,
  ) {
    this.sid = rng.base64(16).replace(/[+/]/g, 'x');
    this.skey = `@crypt_${rng.hex(8)}_${rng.hex(32)}`;
    this.passTicket = `${rng.base64(43)}=`;
    this.dataTicket = rng.base64(24);
    this.loadTime = Math.floor(Date.now() / 1000);
    this.directory = new Directory(book, rng);
    this.log = new SyncLog(rng, this.loadTime);
    this.lastCheckKey = formatSyncKey(this.log.keyAt(0));
    // keyAt lists keys in ascending order, which is also synccheck's normalised form.
  }

  end(code: EndCode): void {
    if (this.ended === undefined) this.ended = code;
    this.waiters.wakeAll();
  }

  /** Wakes synccheck polls (a new event is in the log). */
  notify(): void {
    this.waiters.wakeAll();
  }
}

import { SimulatorError } from './errors';

/** Request kinds a fault can target (`*` = any). */
export const REQUEST_KINDS = [
  'jslogin',
  'qrcode',
  'login',
  'newloginpage',
  'init',
  'statusnotify',
  'getcontact',
  'batchgetcontact',
  'synccheck',
  'sync',
  'sendmsg',
  'logout',
  'pushlogin',
  'index',
  'statreport',
  'uploadmedia',
  'checkupload',
  'getmsgimg',
  'getvoice',
  'getvideo',
  'getmedia',
  'geticon',
  'getheadimg',
  'sendmsgimg',
  'sendvideomsg',
  'sendappmsg',
  'sendemoticon',
  'revokemsg',
  'oplog',
  'verifyuser',
  'createchatroom',
  'updatechatroom',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * - `reset`: destroy the socket (after `ms`, default 0: mid-request / mid-poll);
 * - `delay`: answer normally after `ms`;
 * - `http`: `status` (default 503) with an nginx error page;
 * - `garbage`: random bytes instead of the body; `truncate`: the body cut in half;
 * - `ret`: BaseResponse.Ret = `ret` (pushlogin: string ret; synccheck: retcode; uploadmedia 1205:
 *   a non-empty placeholder MediaId; media downloads: the usual headers with 0 bytes);
 * - `login-code`: the login poll answers `window.code=<code>;`;
 * - `ticket-ret`: newloginpage answers `<ret>` (default 1203, with the real text);
 * - `logout`: `retcode` (1100/1101/1102) on synccheck, Ret on JSON APIs, for this request only;
 * - `lose-response`: the request is carried out (a send is stored and echoed like any other),
 *   then its answer is held for `ms` (default 0) and the socket destroyed: the client cannot tell
 *   whether it happened. Repeats with the same ClientMsgId are stored again, not dropped.
 */
export const FAULT_TYPES = ['reset', 'delay', 'http', 'garbage', 'truncate', 'ret', 'login-code', 'ticket-ret', 'logout', 'lose-response'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface FaultSpec {
  kind: RequestKind | RequestKind[] | '*';
  type: FaultType;
  /** How many requests it hits (default 1); `'always'` until cleared. */
  times?: number | 'always';
  ms?: number;
  status?: number;
  ret?: number;
  code?: number;
  retcode?: number;
  message?: string;
}

interface ActiveFault {
  spec: FaultSpec;
  kinds: Set<string> | undefined;
  left: number;
}

/** Armed faults, consumed in the order they were added. */
export class FaultTable {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    if (!spec || typeof spec !== 'object') throw new SimulatorError('fault must be an object');
    if (!(FAULT_TYPES as readonly string[]).includes(spec.type)) {
      throw new SimulatorError(`unknown fault type "${String(spec.type)}"; known: ${FAULT_TYPES.join(', ')}`);
    }
    const kinds = spec.kind === '*' ? undefined : Array.isArray(spec.kind) ? spec.kind : [spec.kind];
    for (const k of kinds ?? []) {
      if (!(REQUEST_KINDS as readonly string[]).includes(k)) {
        throw new SimulatorError(`unknown request kind "${String(k)}"; known: ${REQUEST_KINDS.join(', ')}, *`);
      }
    }
    const times = spec.times ?? 1;
    if (times !== 'always' && !(Number.isInteger(times) && times > 0)) {
      throw new SimulatorError('fault "times" must be a positive integer or "always"');
    }
    this.faults.push({ spec, kinds: kinds && new Set(kinds), left: times === 'always' ? Infinity : times });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault for `kind`, counting one use of it. */
  take(kind: RequestKind): FaultSpec | undefined {
    const fault = this.faults.find((f) => f.left > 0 && (!f.kinds || f.kinds.has(kind)));
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault.spec;
  }

  list(): Array<FaultSpec & { left: number | 'always' }> {
    return this.faults.map((f) => ({ ...f.spec, left: f.left === Infinity ? 'always' : f.left }));
  }
}

import { SimCore } from '../core';
import { SimulatorError } from '../errors';
import type { ResolvedOptions } from '../options';
import type { RequestContext } from '../routes/context';
import type { Scenario } from '../scenario/types';
import { accountScenario } from './account-scenario';

/** One account of a multi-account simulator (`SimulatorOptions.accounts`). */
export interface AccountSpec {
  /** Names the account in control calls (`?account=NAME`); unique. */
  name: string;
  /** Its address book; default: derived from the simulator's scenario (see `accountScenario`). */
  scenario?: Scenario;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** `accounts: N` → `account-1` … `account-N`. */
export function defaultAccountNames(count: number): AccountSpec[] {
  if (!Number.isInteger(count) || count < 1) throw new SimulatorError(`"accounts" must be a positive integer, got ${String(count)}`);
  return Array.from({ length: count }, (_, i) => ({ name: `account-${i + 1}` }));
}

/**
 * The accounts of one simulator: a `SimCore` each (own uin, address book, sessions, faults,
 * send record), sharing the login uuid registry. The first account is the default: every
 * request and control call that names no account goes to it, so a one-account simulator
 * behaves exactly as before accounts existed.
 */
export class AccountSet {
  readonly cores: SimCore[] = [];
  private readonly byName = new Map<string, SimCore>();
  private readonly byUin = new Map<string, SimCore>();

  constructor(options: ResolvedOptions, scenario: Scenario, specs: readonly AccountSpec[]) {
    specs.forEach((spec, i) => {
      if (!NAME.test(spec.name)) throw new SimulatorError(`account name "${spec.name}" must be 1-64 letters, digits, '.', '_' or '-'`);
      if (this.byName.has(spec.name)) throw new SimulatorError(`account name "${spec.name}" is used twice`);
      const first = this.cores[0];
      const own = spec.scenario ?? (first ? accountScenario(scenario, i + 1) : scenario);
      // Each account draws its ids from its own seeded stream; the first keeps the plain seed.
      const seed = options.seed === undefined || !first ? options.seed : options.seed + i;
      const core = new SimCore({ ...options, seed }, own, spec.name, first?.logins);
      const uin = String(core.account.uin);
      if (this.byUin.has(uin)) throw new SimulatorError(`accounts "${this.byUin.get(uin)?.name ?? ''}" and "${spec.name}" have the same uin ${uin}`);
      this.cores.push(core);
      this.byName.set(spec.name, core);
      this.byUin.set(uin, core);
    });
    const first = this.first;
    if (this.cores.length > 1) first.logins.chooseAccount = () => this.freeAccount();
  }

  get first(): SimCore {
    const core = this.cores[0];
    if (!core) throw new SimulatorError('a simulator needs at least one account');
    return core;
  }

  /** The account named `name`, or a 404 that lists the names. */
  get(name: string): SimCore {
    const core = this.byName.get(name);
    if (core) return core;
    const names = this.cores.map((c) => c.name);
    const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')}, … (${names.length})` : names.join(', ');
    throw new SimulatorError(`unknown account "${name}"; accounts: ${shown} (GET /__sim/accounts lists them)`, 404);
  }

  /**
   * The account a webwx request is for, as the real server tells accounts apart: the uuid's
   * account (login poll, newloginpage), else the `wxuin` cookie or `uin` parameter (every call
   * of a session, push login), else the session named by `wxsid`. Anything else (jslogin, a
   * client without cookies) goes to the first account, whose answers are then as before.
   */
  forRequest(ctx: RequestContext): SimCore {
    const first = this.first;
    if (this.cores.length === 1) return first;
    const uuid = ctx.query.get('uuid');
    const login = uuid === null ? undefined : first.logins.get(uuid);
    if (login?.account !== undefined) return this.byName.get(login.account) ?? first;
    const uin = ctx.cookies.get('wxuin') ?? ctx.query.get('uin');
    const byUin = uin === undefined || uin === null ? undefined : this.byUin.get(uin);
    if (byUin) return byUin;
    const sid = ctx.cookies.get('wxsid') ?? ctx.query.get('sid');
    if (sid) return this.cores.find((c) => c.findSession(sid) !== undefined) ?? first;
    return first;
  }

  /**
   * The account a phone confirms into when no account is named (auto-confirm): the first one
   * with neither a live session nor a confirmed uuid waiting to be redeemed, else the first.
   * So N clients that each show a QR code log into N different accounts.
   */
  private freeAccount(): string {
    const taken = new Set<string>();
    for (const login of this.first.logins.awaitingRedeem()) if (login.account !== undefined) taken.add(login.account);
    const free = this.cores.find((c) => !taken.has(c.name) && (c.current === undefined || c.current.ended !== undefined));
    return (free ?? this.first).name;
  }

  close(): void {
    for (const core of this.cores) core.close();
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishContact, renameGroup, renameSelf } from './contacts/contact-changes';
import { acceptOutgoingRequest } from './contacts/friend-ops';
import { joinRoom, leaveRoom, type JoinInput, type LeaveInput } from './contacts/group-ops';
import { AccountSet, defaultAccountNames } from './accounts/account-set';
import type { SimCore, SentRecord } from './core';
import { SimulatorError } from './errors';
import type { FaultSpec } from './faults';
import { inject, type InjectedMessage, type InjectInput } from './messages/inject';
import { uploadRecords, type UploadRecord } from './media/upload-records';
import { resolveOptions, type SimulatorOptions } from './options';
import { createListener } from './router';
import type { ControlTarget } from './routes/control-routes';
import { demoScenario } from './scenario/demo';
import { snapshot, type SimState } from './state';

/**
 * A running simulator. See README.md for the HTTP side. Its account calls act on the first
 * account; `account(name)` gives the same calls for another one.
 */
export interface Simulator extends SimAccount {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and ends every pending long poll at once. */
  close(): Promise<void>;
  /**
   * The calls of one account of a multi-account simulator (`accounts` option); a
   * `SimulatorError` (404) for an unknown name. Its `confirm()` logs the latest uuid into it.
   *
   * @example
   * const sim = await startSimulator({ accounts: 3 });
   * sim.account('account-2').injectText({ from: 'Alice', text: 'hi' });
   */
  account(name: string): SimAccount;
  /** The account names, in order (the first is the default). */
  accounts(): string[];
}

/** What the simulator does for one account: its phone, its address book, its sessions. */
export interface SimAccount {
  /** `account-1` …, or the name given in `SimulatorOptions.accounts`. */
  readonly name: string;
  /** The account's uin (`wxuin`). */
  readonly uin: number;
  /** The phone scans the latest uuid (poll answers 201). */
  scan(): void;
  /** The phone scans (if needed) and confirms (poll answers 201 then 200). */
  confirm(): void;
  /** The phone taps cancel (poll answers 202). */
  cancel(): void;
  /** A text from a friend (`from` = nickname/remark) or, with `room` (topic), from a group member. */
  injectText(input: { from: string; room?: string; text: string }): InjectedMessage;
  /** Any kind of incoming AddMsgList entry. */
  inject(input: InjectInput): InjectedMessage;
  /** Messages the client sent with webwxsendmsg, in order. */
  sent(): SentRecord[];
  state(): SimState;
  faults: { add(fault: FaultSpec): void; clear(): void; list(): FaultSpec[] };
  /** Ends the current session: synccheck answers `retcode`, JSON APIs `Ret = retcode`. */
  forceLogout(retcode: 1100 | 1101 | 1102): void;
  /** Re-publishes a contact or group (by name/topic) in ModContactList (selector 4). */
  touchContact(name: string): void;
  /** Renames a group: ModContactList + the 10000 "修改群名为" line. `actor` = member nickname, default self. */
  renameGroup(topic: string, newTopic: string, actor?: string): void;
  /** The account renames itself: `Profile` (BitFlag 190) in the next webwxsync. */
  renameSelf(nickName: string): void;
  /** Files uploaded with webwxuploadmedia (name, size, md5, MediaId …), in order. */
  uploads(): UploadRecord[];
  /** Moves the simulator clock forward (e.g. past the 2-minute revoke window); returns the new now (ms). */
  advanceClock(ms: number): number;
  /** A friend request (MsgType 37 from fmessage) from a stranger (existing or new nickname). */
  friendRequest(input: { from: string; greeting?: string; room?: string; scene?: number }): InjectedMessage;
  /** The account's pending request (webwxverifyuser Opcode 2) to `name` is accepted: ModContactList + "你已添加了…". */
  acceptFriendRequest(name: string): void;
  /** Someone joins a group (invited, or via QR code) — ModContactList + the 10000 line. */
  joinRoom(input: JoinInput): void;
  /** Someone leaves or is removed (`member: "self"` removes the account) — ModContactList (+ 10000 line). */
  leaveRoom(input: LeaveInput): void;
}

/**
 * Starts a webwx server simulator on 127.0.0.1.
 *
 * @example
 * const sim = await startSimulator({ autoConfirm: true, longPollMs: 300 });
 * // point a client at sim.url with Host headers of the real webwx hosts
 * sim.injectText({ from: 'Alice', text: 'hi' });
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const specs = typeof options.accounts === 'object' ? options.accounts : defaultAccountNames(options.accounts ?? 1);
  const accounts = new AccountSet(resolved, options.scenario ?? demoScenario(), specs);
  // `named`: the account was named (`account(name)`, `?account=`), so a confirm logs into it;
  // otherwise a confirm logs into the first free account (with one account: that one).
  const targetOf = (core: SimCore, named: boolean): ControlTarget => {
    const latestLogin = () => {
      const login = core.logins.latest();
      if (!login) throw new SimulatorError('no pending login: the client has not called jslogin (or the uuid expired)', 409);
      return login;
    };
    return {
      core,
      scan: () => core.logins.scan(latestLogin()),
      confirm: () => core.logins.confirm(latestLogin(), named ? core.name : undefined),
      cancel: () => core.logins.cancel(latestLogin()),
      forceLogout: (retcode: 1100 | 1101 | 1102) => core.requireSession().end(retcode),
      state: () => snapshot(core),
    };
  };
  const sim: ControlTarget = { ...targetOf(accounts.first, false), accounts, forAccount: (name) => targetOf(accounts.get(name), true) };
  const server: Server = createServer(createListener(sim));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const apis = new Map<string, SimAccount>();
  const account = (name: string): SimAccount => {
    let api = apis.get(name);
    if (!api) {
      api = accountApi(accounts.get(name), sim.forAccount?.(name) ?? sim);
      apis.set(name, api);
    }
    return api;
  };
  return {
    ...accountApi(accounts.first, sim),
    url: `http://${resolved.host}:${port}`,
    port,
    account,
    accounts: () => accounts.cores.map((c) => c.name),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        accounts.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** The calls that act on one account. */
function accountApi(core: SimCore, sim: ControlTarget): SimAccount {
  return {
    name: core.name,
    uin: core.account.uin,
    scan: sim.scan,
    confirm: sim.confirm,
    cancel: sim.cancel,
    forceLogout: sim.forceLogout,
    state: () => snapshot(core),
    injectText: (input) => inject(core, { kind: 'text', ...input }),
    inject: (input) => inject(core, input),
    touchContact: (name) => publishContact(core, name),
    renameGroup: (topic, newTopic, actor) => renameGroup(core, topic, newTopic, actor),
    renameSelf: (nickName) => renameSelf(core, nickName),
    sent: () => [...core.sent],
    uploads: () => uploadRecords(core),
    friendRequest: (input) => {
      const request: InjectInput = { kind: 'friend-request', nickName: input.from };
      if (input.greeting !== undefined) request.greeting = input.greeting;
      if (input.room !== undefined) request.room = input.room;
      if (input.scene !== undefined) request.scene = input.scene;
      return inject(core, request);
    },
    acceptFriendRequest: (name) => acceptOutgoingRequest(core, name),
    joinRoom: (input) => joinRoom(core, input),
    leaveRoom: (input) => leaveRoom(core, input),
    advanceClock: (ms) => core.clock.advance(ms),
    faults: { add: (f) => core.faults.add(f), clear: () => core.faults.clear(), list: () => core.faults.list() },
  };
}

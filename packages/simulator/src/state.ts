import type { SimCore } from './core';
import type { HostFamily } from './hosts';
import type { LoginStatus } from './login/login-registry';

export interface PersonState {
  nickName: string;
  remarkName: string;
  wxid: string;
  /** Session-scoped; '' before the first login. */
  userName: string;
}

export interface GroupState {
  topic: string;
  wxid: string;
  /** Session-scoped; '' before the first login. */
  userName: string;
  saved: boolean;
  /** Owner's nickname ('' if unknown). */
  owner: string;
  /** Whether the account is (still) a member. */
  joined: boolean;
  members: Array<PersonState & { friend: boolean; displayName: string }>;
}

/** A snapshot for tests and `GET /__sim/state`. */
export interface SimState {
  hosts: HostFamily;
  login: { uuid?: string; status?: LoginStatus; desktop?: boolean };
  session?: { uin: number; sid: string; skey: string; userName: string; desktop: boolean; lang: string; ended?: number; syncCount: number; pendingEvents: number };
  self: PersonState;
  friends: PersonState[];
  strangers: PersonState[];
  officialAccounts: PersonState[];
  groups: GroupState[];
  sent: number;
  /** Files uploaded (see `uploads()` for details). */
  uploads: number;
  /** Simulator clock (epoch ms; see `advanceClock`). */
  clock: number;
  friendRequests: {
    /** Received and not yet accepted: nickname + the ticket webwxverifyuser Opcode 3 needs. */
    incoming: Array<{ nickName: string; userName: string; ticket: string }>;
    /** Sent with webwxverifyuser Opcode 2. */
    outgoing: Array<{ nickName: string; userName: string; greeting: string; status: 'pending' | 'accepted' }>;
  };
}

/** Builds the snapshot; UserNames come from the current session (even if it ended). */
export function snapshot(core: SimCore): SimState {
  const session = core.current;
  const dir = session?.directory;
  const login = core.logins.latest();
  const people = core.book.people;
  const person = (index: number): PersonState => {
    const p = people[index];
    if (!p) throw new Error(`no person ${index}`);
    return { nickName: p.nickName, remarkName: p.remarkName, wxid: p.wxid, userName: dir ? dir.personUserName(p) : '' };
  };
  const byKind = (kind: string): PersonState[] => people.filter((p) => p.kind === kind).map((p) => person(p.index));
  const state: SimState = {
    hosts: core.family,
    login: login ? { uuid: login.uuid, status: login.status, desktop: login.desktop } : {},
    self: person(0),
    friends: byKind('friend'),
    strangers: byKind('stranger'),
    officialAccounts: byKind('mp'),
    groups: core.book.groups.map((g) => {
      const group: GroupState = {
        topic: g.topic,
        wxid: g.wxid,
        userName: dir ? dir.groupUserName(g) : '',
        saved: g.saved,
        owner: people[g.owner]?.nickName ?? '',
        joined: g.members.includes(0),
        members: g.members.map((m) => ({ ...person(m), friend: people[m]?.kind === 'friend', displayName: g.displayNames.get(m) ?? '' })),
      };
      return group;
    }),
    sent: core.sent.length,
    uploads: core.media.uploads().length,
    clock: core.clock.now(),
    friendRequests: {
      incoming: [...core.incomingRequests].map(([index, ticket]) => ({ ...person(index), ticket })).map((p) => ({ nickName: p.nickName, userName: p.userName, ticket: p.ticket })),
      outgoing: core.outgoingRequests.map((r) => ({ nickName: r.nickName, userName: r.userName, greeting: r.greeting, status: r.status })),
    },
  };
  if (session && dir) {
    state.session = {
      uin: session.uin,
      sid: session.sid,
      skey: session.skey,
      userName: dir.selfUserName,
      desktop: session.desktop,
      lang: session.lang,
      syncCount: session.syncCount,
      pendingEvents: session.log.head,
    };
    if (session.ended !== undefined) state.session.ended = session.ended;
  }
  return state;
}

import type { Simulator } from '@wxbot/simulator';
import {
  createWebwxHttp,
  fetchLoginTicket,
  pollLogin,
  requestLoginUuid,
  nextSyncState,
  statusNotify,
  syncCheck,
  webwxSync,
  webwxInit,
  type SessionContext,
  type SyncResponse,
  type SyncState,
  type WebwxHttp,
} from '@wxbot/protocol';

export interface LoggedIn {
  http: WebwxHttp;
  ctx: SessionContext;
  self: string;
  /** From webwxinit (docs/protocol.md 11.2). */
  inviteStartCount: number;
  sync: SyncState;
}

/** QR login against the simulator (the test confirms on the "phone"), init and statusnotify. */
export async function login(sim: Simulator): Promise<LoggedIn> {
  const http = createWebwxHttp({ endpoint: sim.url });
  const uuid = await requestLoginUuid(http);
  sim.confirm();
  let poll = await pollLogin(http, uuid, { tip: 1 });
  while (poll.code !== 200) poll = await pollLogin(http, uuid);
  const { ticket, hosts } = await fetchLoginTicket(http, poll.redirectUri ?? '');
  const ctx: SessionContext = { http, hosts, credentials: { ...ticket } };
  const init = await webwxInit(ctx);
  if (init.SKey) ctx.credentials.skey = init.SKey;
  await statusNotify(ctx, { from: init.User.UserName, to: init.User.UserName });
  const inviteStartCount = (init as { InviteStartCount?: number }).InviteStartCount ?? 40;
  return { http, ctx, self: init.User.UserName, inviteStartCount, sync: { syncKey: init.SyncKey, syncCheckKey: init.SyncKey, skey: ctx.credentials.skey } };
}

/** What a run of webwxsync calls gathered. */
export type Synced = Pick<SyncResponse, 'AddMsgList' | 'ModContactList' | 'DelContactList'>;

/** synccheck + webwxsync (keys carried forward) until `want` is satisfied, at most 20 rounds. */
export async function syncUntil(s: LoggedIn, want: (all: Synced) => boolean): Promise<Synced> {
  const all: Synced = { AddMsgList: [], ModContactList: [], DelContactList: [] };
  for (let round = 0; round < 20 && !want(all); round++) {
    const selector = await syncCheck(s.ctx, s.sync.syncCheckKey);
    if (selector === 0) continue;
    const res = await webwxSync(s.ctx, s.sync.syncKey);
    s.sync = nextSyncState(s.sync, res);
    s.ctx.credentials.skey = s.sync.skey;
    all.AddMsgList.push(...res.AddMsgList);
    all.ModContactList.push(...res.ModContactList);
    all.DelContactList.push(...(res.DelContactList ?? []));
  }
  return all;
}

import type { Simulator } from '@wxbot/simulator';
import {
  createWebwxHttp,
  fetchLoginTicket,
  pollLogin,
  requestLoginUuid,
  statusNotify,
  webwxInit,
  type SessionContext,
  type SyncState,
  type WebwxHttp,
} from '@wxbot/protocol';

export interface LoggedIn {
  http: WebwxHttp;
  ctx: SessionContext;
  self: string;
  /** From webwxinit (protocol.md 11.2). */
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

import {
  StatusNotifyCode,
  statusNotify,
  webwxInit,
  type Credentials,
  type LoginMode,
  type SessionContext,
  type SyncKey,
  type SyncState,
  type WebwxHosts,
  type WebwxHttp,
} from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import { isGroupUserName } from '../contacts/classify';
import { fetchByUserName, loadAllContacts, type ContactProgress } from './contact-loader';

/** A logged-in, initialised session. `ctx.credentials.skey` follows the server's SKey. */
export interface LiveSession {
  ctx: SessionContext;
  /** The keys to start syncing from; from then on the sync loop owns them. */
  initialSync: SyncState;
  selfUserName: string;
  /** Group size from which members must be invited rather than added (webwxinit). */
  inviteStartCount: number;
}

export interface BringUpOptions {
  http: WebwxHttp;
  hosts: WebwxHosts;
  credentials: Credentials;
  mode: LoginMode;
  store: ContactStore;
  log: Logger;
  signal: AbortSignal;
  /** Saved keys to continue from (resume): messages that arrived meanwhile are not skipped. */
  savedKeys?: { syncKey: SyncKey; syncCheckKey: SyncKey } | undefined;
  onProgress(step: string, detail?: ContactProgress): void;
}

/** webwxinit -> statusnotify(3) -> full contact load -> group members. */
export async function bringUpSession(o: BringUpOptions): Promise<LiveSession> {
  const ctx: SessionContext = { http: o.http, hosts: o.hosts, credentials: { ...o.credentials }, mode: o.mode };
  o.onProgress('init');
  const init = await webwxInit(ctx, o.signal);
  if (init.SKey) ctx.credentials.skey = init.SKey;
  o.store.setSelf(init.User);
  o.store.upsertMany(init.ContactList);
  const self = init.User.UserName;

  o.onProgress('status-notify');
  await statusNotify(ctx, { code: StatusNotifyCode.INITED, from: self, to: self, signal: o.signal });

  o.onProgress('contacts');
  const total = await loadAllContacts(ctx, o.store, o.log, (p) => o.onProgress('contacts', p), o.signal);
  o.log.info({ contacts: total }, 'contact list loaded');

  // Recent groups from init's ChatSet are often unsaved: they appear nowhere else.
  const chatSetGroups = (init.ChatSet ?? '').split(',').filter((id) => id && isGroupUserName(id) && !o.store.group(id));
  const needMembers = [...new Set([...o.store.groupsMissingMembers().map((g) => g.id), ...chatSetGroups])];
  if (needMembers.length > 0) {
    o.onProgress('members', { phase: 'members', done: 0, total: needMembers.length });
    await fetchByUserName(ctx, o.store, needMembers, (p) => o.onProgress('members', p), o.signal);
  }
  const keys = o.savedKeys ?? { syncKey: init.SyncKey, syncCheckKey: init.SyncKey };
  return {
    ctx,
    initialSync: { ...keys, skey: ctx.credentials.skey },
    selfUserName: self,
    inviteStartCount: init.InviteStartCount ?? 40,
  };
}

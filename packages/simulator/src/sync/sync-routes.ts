import type { DelContactEntry, SyncKey, WireContact, WireProfile } from '@wxbot/wire-types';
import type { WireEntry } from '../messages/entry';
import { baseResponse, jsonApi } from '../routes/json-api';
import type { Handler } from '../routes/context';
import { syncCookies } from '../session/session-cookies';
import { javascript, wireJson, type SimResponse } from '../util/response';
import { formatSyncKey, parseSyncKeyParam, type SyncEvent } from './sync-log';

const synccheck = (retcode: number | string, selector: number | string = 0): SimResponse =>
  javascript(`window.synccheck={retcode:"${retcode}",selector:"${selector}"}`);

/** Order-insensitive form of a key, so clients may list entries in any order. */
function normalize(key: ReadonlyArray<{ Key: number; Val: number }>): string {
  return formatSyncKey({ Count: key.length, List: [...key].sort((a, b) => a.Key - b.Key) });
}

/** Selector for the first pending event: 2 messages, 4 contact changes, 7 phone entered/left a chat. */
function selectorFor(event: SyncEvent | undefined): number {
  if (!event) return 2;
  if (event.kind !== 'msg') return 4;
  const code = event.entry.StatusNotifyCode;
  return event.entry.MsgType === 51 && (code === 2 || code === 5) ? 7 : 2;
}

/**
 * `GET https://PUSH/cgi-bin/mmwebwx-bin/synccheck` (docs/protocol.md 6.1). Wrong
 * PUSH host → 1100; missing cookies → 1102; unknown session → 1100; ended
 * sessions → their code. A key other than the last SyncCheckKey handed out
 * (stale) or pending events → selector at once; else hold `longPollMs`.
 */
export const syncCheck: Handler = async (core, ctx) => {
  const forced = ctx.forced;
  if (forced?.type === 'logout' || forced?.type === 'ret') return synccheck(forced.retcode ?? forced.ret ?? 1101);
  if (ctx.hostKind !== 'local' && ctx.host !== core.family.push) return synccheck(1100);
  const uin = ctx.cookies.get('wxuin');
  const sid = ctx.cookies.get('wxsid');
  if (!uin || !sid) return synccheck(1102);
  const session = core.findSession(sid);
  if (!session || String(session.uin) !== uin) return synccheck(1100);
  const key = parseSyncKeyParam(ctx.query.get('synckey') ?? '');
  const presented = normalize(key);
  const deadline = Date.now() + core.options.longPollMs;
  for (;;) {
    if (session.ended !== undefined) return synccheck(session.ended);
    if (presented !== session.lastCheckKey) return synccheck(0, 2);
    const position = session.log.positionOf(key);
    if (position < session.log.head) return synccheck(0, selectorFor(session.log.since(position, 1)[0]));
    const left = deadline - Date.now();
    if (left <= 0 || !(await session.waiters.wait(left, ctx.signal))) return synccheck(0, 0);
  }
};

const emptyKey: SyncKey = { Count: 0, List: [] };

function emptyProfile(): WireProfile {
  return {
    BitFlag: 0,
    UserName: { Buff: '' },
    NickName: { Buff: '' },
    BindUin: 0,
    BindEmail: { Buff: '' },
    BindMobile: { Buff: '' },
    Status: 0,
    Sex: 0,
    PersonalCard: 0,
    Alias: '',
    HeadImgUpdateFlag: 0,
    HeadImgUrl: '',
    Signature: '',
  };
}

/** docs/protocol.md 6.2: BitFlag 190 (PROFILE_BITFLAG_CHANGE) means "apply NickName.Buff / HeadImgUrl". */
const PROFILE_BITFLAG_CHANGE = 190;

function changedProfile(userName: string, change: { nickName: string; headImgUrl: string }): WireProfile {
  return { ...emptyProfile(), BitFlag: PROFILE_BITFLAG_CHANGE, UserName: { Buff: userName }, NickName: { Buff: change.nickName }, HeadImgUpdateFlag: 1, HeadImgUrl: change.headImgUrl };
}

function syncBody(ret: number, msgs: WireEntry[], mods: WireContact[], dels: DelContactEntry[], key: SyncKey, checkKey: SyncKey, skey: string, profile: WireProfile = emptyProfile()): Record<string, unknown> {
  return {
    BaseResponse: baseResponse(ret),
    AddMsgCount: msgs.length,
    AddMsgList: msgs,
    ModContactCount: mods.length,
    ModContactList: mods,
    DelContactCount: dels.length,
    DelContactList: dels,
    ModChatRoomMemberCount: 0,
    ModChatRoomMemberList: [],
    Profile: profile,
    ContinueFlag: 0,
    SyncKey: key,
    SKey: skey,
    SyncCheckKey: checkKey,
  };
}

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxsync` (docs/protocol.md 6.2). Delivers the log
 * after the presented SyncKey (at most `syncBatchSize`), returns the new key
 * pair (the SyncCheckKey diverges after contact changes and MsgType 51), a
 * `Count 0` key when nothing changed, `SKey` on the first sync, and refreshes
 * the session cookies.
 */
export const webwxsync = jsonApi({
  needBaseRequest: true,
  failure: (ret) => syncBody(ret, [], [], [], emptyKey, emptyKey, ''),
  handle: (core, _ctx, session, body) => {
    const presented = (body['SyncKey'] as { List?: unknown } | undefined)?.List;
    const key = Array.isArray(presented) ? (presented as Array<{ Key: number; Val: number }>) : [];
    const position = session.log.positionOf(key);
    const events = session.log.since(position, core.options.syncBatchSize);
    const msgs: WireEntry[] = [];
    const mods: WireContact[] = [];
    const dels: DelContactEntry[] = [];
    let profile: WireProfile | undefined;
    for (const e of events) {
      if (e.kind === 'msg') msgs.push(e.entry);
      else if (e.kind === 'mod') mods.push(e.contact);
      else if (e.kind === 'del') dels.push(e.entry);
      // Several changes in one batch: the server reports the latest state.
      else profile = changedProfile(session.directory.selfUserName, e);
    }
    const next = position + events.length;
    const idle = events.length === 0 && core.options.emptySyncKeyWhenIdle;
    const syncKey = idle ? emptyKey : session.log.keyAt(next);
    const diverge = mods.length + dels.length > 0 || profile !== undefined || msgs.some((m) => m.MsgType === 51);
    const checkKey = idle ? emptyKey : session.log.keyAt(next, diverge);
    // Only ever move the expected SyncCheckKey forward: a replayed old key must not make the newest one stale.
    if (!idle && next >= session.checkPosition) {
      session.checkPosition = next;
      session.lastCheckKey = normalize(checkKey.List);
    }
    session.syncCount += 1;
    const skey = session.syncCount === 1 ? session.skey : '';
    const pluginKey = session.log.keyAt(next).List.find((k) => k.Key === 1000)?.Val ?? 0;
    return wireJson(syncBody(0, msgs, mods, dels, syncKey, checkKey, skey, profile), syncCookies(core, session, pluginKey));
  },
});

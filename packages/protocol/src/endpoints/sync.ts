import type { SyncKey, SyncResponse } from '@wxbot/wire-types';
import { ServerRetError } from '../errors';
import { negatedNow, newDeviceId } from '../ids';
import { allOf, has, parseJsonBody } from '../parse/json-body';
import { parseSyncCheckBody } from '../parse/login-bodies';
import { postMain, refererHeaders, type SessionContext } from '../session-context';

/** `1_123|2_456` as synccheck wants it. */
export function formatSyncKey(key: SyncKey): string {
  return key.List.map((e) => `${e.Key}_${e.Val}`).join('|');
}

export interface SyncCheckOptions {
  signal?: AbortSignal;
  /** Client timeout; the server holds ~25 s. Default 35 s. */
  timeoutMs?: number;
}

/**
 * synccheck (long poll on PUSH) with the SyncCheckKey. Resolves to the selector (0 = nothing,
 * any other value = call webwxsync). A retcode other than 0 throws ServerRetError: check
 * `sessionEnded` for 1100/1101/1102.
 */
export async function syncCheck(ctx: SessionContext, syncCheckKey: SyncKey, o: SyncCheckOptions = {}): Promise<number> {
  const res = await ctx.http.request({
    endpoint: 'synccheck',
    method: 'GET',
    url: `https://${ctx.hosts.push}/cgi-bin/mmwebwx-bin/synccheck`,
    query: {
      r: Date.now(),
      skey: ctx.credentials.skey,
      sid: ctx.credentials.sid,
      uin: ctx.credentials.uin,
      deviceid: newDeviceId(),
      synckey: formatSyncKey(syncCheckKey),
      _: Date.now(),
    },
    headers: refererHeaders(ctx),
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? 35_000,
  });
  const body = parseSyncCheckBody(res.text);
  if (body.retcode !== 0) throw new ServerRetError('synccheck', body.retcode);
  return body.selector;
}

/** webwxsync with the SyncKey (not the SyncCheckKey). */
export async function webwxSync(ctx: SessionContext, syncKey: SyncKey, signal?: AbortSignal): Promise<SyncResponse> {
  const text = await postMain(ctx, 'webwxsync', { query: { sid: ctx.credentials.sid, skey: ctx.credentials.skey }, body: { SyncKey: syncKey, rr: negatedNow() }, signal });
  return parseJsonBody<SyncResponse>('webwxsync', text, allOf((o) => has.array(o, 'AddMsgList'), (o) => has.syncKey(o, 'SyncKey')));
}

/** The keys a client keeps between syncs. */
export interface SyncState {
  syncKey: SyncKey;
  syncCheckKey: SyncKey;
  skey: string;
}

/**
 * The keys after a webwxsync response: empty keys never overwrite good ones
 * (docs/protocol.md 6.2), a non-empty SKey replaces the skey.
 */
export function nextSyncState(prev: SyncState, res: Pick<SyncResponse, 'SyncKey' | 'SyncCheckKey' | 'SKey'>): SyncState {
  const usable = (k: SyncKey | undefined): k is SyncKey => !!k && Array.isArray(k.List) && k.List.length > 0 && k.Count > 0;
  return {
    syncKey: usable(res.SyncKey) ? res.SyncKey : prev.syncKey,
    syncCheckKey: usable(res.SyncCheckKey) ? res.SyncCheckKey : usable(res.SyncKey) ? res.SyncKey : prev.syncCheckKey,
    skey: res.SKey ? res.SKey : prev.skey,
  };
}

import type { InitResponse, StatusNotifyResponse } from '@wxbot/wire-types';
import { StatusNotifyCode } from '../codes';
import { newClientMsgId, negatedNow } from '../ids';
import { allOf, has, parseJsonBody } from '../parse/json-body';
import { baseRequest, lang, mainUrl, refererHeaders, type SessionContext } from '../session-context';

/** webwxinit: self user, first SyncKey, recent chats. Adopt `SKey` when non-empty. */
export async function webwxInit(ctx: SessionContext, signal?: AbortSignal): Promise<InitResponse> {
  const res = await ctx.http.request({
    endpoint: 'webwxinit',
    method: 'POST',
    url: mainUrl(ctx, 'webwxinit'),
    query: { r: negatedNow(), lang: lang(ctx), pass_ticket: ctx.credentials.passTicket },
    json: { BaseRequest: baseRequest(ctx.credentials) },
    headers: refererHeaders(ctx),
    signal,
  });
  return parseJsonBody<InitResponse>(
    'webwxinit',
    res.text,
    allOf((o) => has.syncKey(o, "SyncKey"), (o) => {
      const user = o['User'] as { UserName?: unknown } | undefined;
      return typeof user?.UserName === 'string' && user.UserName ? undefined : 'User.UserName missing';
    }, (o) => has.array(o, 'ContactList')),
  );
}

export interface StatusNotifyOptions {
  code?: number;
  from: string;
  to: string;
  signal?: AbortSignal;
}

/** webwxstatusnotify: Code 3 (inited) after init, Code 1 to mark a chat read. */
export async function statusNotify(ctx: SessionContext, o: StatusNotifyOptions): Promise<StatusNotifyResponse> {
  const res = await ctx.http.request({
    endpoint: 'webwxstatusnotify',
    method: 'POST',
    url: mainUrl(ctx, 'webwxstatusnotify'),
    query: { lang: lang(ctx), pass_ticket: ctx.credentials.passTicket },
    json: {
      BaseRequest: baseRequest(ctx.credentials),
      Code: o.code ?? StatusNotifyCode.INITED,
      FromUserName: o.from,
      ToUserName: o.to,
      ClientMsgId: newClientMsgId(),
    },
    headers: refererHeaders(ctx),
    signal: o.signal,
  });
  return parseJsonBody<StatusNotifyResponse>('webwxstatusnotify', res.text);
}

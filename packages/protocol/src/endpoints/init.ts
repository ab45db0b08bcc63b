import type { InitResponse, StatusNotifyResponse } from '@wxbot/wire-types';
import { StatusNotifyCode } from '../codes';
import { newClientMsgId, negatedNow } from '../ids';
import { allOf, has, parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

/** webwxinit: self user, first SyncKey, recent chats. Adopt `SKey` when non-empty. */
export async function webwxInit(ctx: SessionContext, signal?: AbortSignal): Promise<InitResponse> {
  const text = await postMain(ctx, 'webwxinit', { query: { r: negatedNow() }, signal });
  return parseJsonBody<InitResponse>(
    'webwxinit',
    text,
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
  const text = await postMain(ctx, 'webwxstatusnotify', {
    body: {
      Code: o.code ?? StatusNotifyCode.INITED,
      FromUserName: o.from,
      ToUserName: o.to,
      ClientMsgId: newClientMsgId(),
    },
    signal: o.signal,
  });
  return parseJsonBody<StatusNotifyResponse>('webwxstatusnotify', text);
}

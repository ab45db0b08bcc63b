import type { SendMessageResponse } from '@wxbot/wire-types';
import { newClientMsgId } from '../ids';
import { has, parseJsonBody } from '../parse/json-body';
import { baseRequest, lang, mainUrl, refererHeaders, type SessionContext } from '../session-context';

/** Message type of a plain text send. */
export const SEND_TYPE_TEXT = 1;

export interface SendTextOptions {
  /** Self UserName. */
  from: string;
  to: string;
  content: string;
  /** Reuse a ClientMsgId (e.g. when retrying the same logical message). */
  clientMsgId?: string;
  /** `<msgsource>` for @-mentions (protocol.md 9.4). */
  msgSource?: string;
  signal?: AbortSignal;
}

export interface SendResult {
  /** Server MsgID: needed to revoke. */
  msgId: string;
  /** Our ClientMsgId / LocalID. */
  localId: string;
}

/** webwxsendmsg with Type 1. Raw UTF-8 content; `\n` allowed. */
export async function sendText(ctx: SessionContext, o: SendTextOptions): Promise<SendResult> {
  const localId = o.clientMsgId ?? newClientMsgId();
  const res = await ctx.http.request({
    endpoint: 'webwxsendmsg',
    method: 'POST',
    url: mainUrl(ctx, 'webwxsendmsg'),
    query: { lang: lang(ctx), pass_ticket: ctx.credentials.passTicket },
    json: {
      BaseRequest: baseRequest(ctx.credentials),
      Msg: {
        Type: SEND_TYPE_TEXT,
        Content: o.content,
        FromUserName: o.from,
        ToUserName: o.to,
        LocalID: localId,
        ClientMsgId: localId,
        ...(o.msgSource ? { MsgSource: o.msgSource } : {}),
      },
      Scene: 0,
    },
    headers: refererHeaders(ctx),
    signal: o.signal,
  });
  const body = parseJsonBody<SendMessageResponse>('webwxsendmsg', res.text, (b) => has.string(b, 'MsgID'));
  return { msgId: body.MsgID, localId };
}

import type { OutgoingWireMessage, SendMessageResponse } from '@wxbot/wire-types';
import { newClientMsgId } from '../ids';
import { has, parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

/** Message type of a plain text send. */
export const SEND_TYPE_TEXT = 1;

export interface SendTextOptions {
  /** Self UserName. */
  from: string;
  to: string;
  content: string;
  /** Reuse a ClientMsgId (e.g. when retrying the same logical message). */
  clientMsgId?: string;
  /** `<msgsource>` for @-mentions (docs/protocol.md 9.4): see `mentionMsgSource`. */
  msgSource?: string;
  signal?: AbortSignal;
}

export interface SendResult {
  /** Server MsgID: needed to revoke. */
  msgId: string;
  /** Our ClientMsgId / LocalID. */
  localId: string;
}

/** What every send function passes to `postMessage`. */
export interface PostMessageInput {
  /** Endpoint path name, e.g. 'webwxsendmsgimg'. */
  name: string;
  /** Extra query parameters before lang/pass_ticket (e.g. fun=async&f=json). */
  query?: Record<string, string>;
  /** Msg fields besides FromUserName, ToUserName, LocalID, ClientMsgId. */
  msg: Omit<OutgoingWireMessage, 'FromUserName' | 'ToUserName' | 'LocalID' | 'ClientMsgId'>;
  from: string;
  to: string;
  clientMsgId?: string;
  signal?: AbortSignal;
  /** The envelope's `Scene`: 0 (default); wechat4u sends 2 when forwarding (docs/protocol.md 9.1, [UNSURE] meaning). */
  scene?: number;
}

/** The common send envelope (docs/protocol.md 9.1): `{BaseRequest, Msg, Scene: 0}`, answer `{MsgID, LocalID}`. */
export async function postMessage(ctx: SessionContext, i: PostMessageInput): Promise<SendResult> {
  const localId = i.clientMsgId ?? newClientMsgId();
  const text = await postMain(ctx, i.name, {
    query: i.query,
    body: {
      Msg: { ...i.msg, FromUserName: i.from, ToUserName: i.to, LocalID: localId, ClientMsgId: localId },
      Scene: i.scene ?? 0,
    },
    signal: i.signal,
  });
  const body = parseJsonBody<SendMessageResponse>(i.name, text, (b) => has.string(b, 'MsgID'));
  return { msgId: body.MsgID, localId };
}

/** webwxsendmsg with Type 1. Raw UTF-8 content; `\n` allowed. */
export async function sendText(ctx: SessionContext, o: SendTextOptions): Promise<SendResult> {
  return postMessage(ctx, {
    name: 'webwxsendmsg',
    msg: { Type: SEND_TYPE_TEXT, Content: o.content, ...(o.msgSource ? { MsgSource: o.msgSource } : {}) },
    from: o.from,
    to: o.to,
    ...(o.clientMsgId ? { clientMsgId: o.clientMsgId } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}

/**
 * The official client's `MsgSource` for @-mentions in a group (docs/protocol.md 9.4):
 * `<msgsource><atusername>@a,@b</atusername><atchatroomname>@@room</atchatroomname></msgsource>`.
 * Whether the server notifies the mentioned members is not known (users say web @ never did);
 * put `@Name\u2005` in the text as well.
 */
export function mentionMsgSource(userNames: readonly string[], roomId: string): string {
  return `<msgsource><atusername>${userNames.join(',')}</atusername><atchatroomname>${roomId}</atchatroomname></msgsource>`;
}

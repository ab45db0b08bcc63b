import type { BaseResponse } from '@wxbot/wire-types';
import { RevokeExpiredError, ServerRetError } from '../errors';
import { parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

/** Messages can be revoked within this long after sending (docs/protocol.md 9.9). */
export const REVOKE_WINDOW_MS = 2 * 60 * 1000;

/** Send time (ms) carried by a 17-digit ClientMsgId/LocalID (its first 13 digits); undefined for other forms. */
export function clientMsgIdTime(localId: string): number | undefined {
  if (!/^\d{13,}$/.test(localId)) return undefined;
  const ms = Number(localId.slice(0, 13));
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * Whether a message we sent with this ClientMsgId can still be revoked at `now`: sent less than
 * 2 minutes ago (and not in the future beyond clock skew). False when the id carries no time.
 */
export function canRevoke(localId: string, now: number = Date.now()): boolean {
  const sentAt = clientMsgIdTime(localId);
  return sentAt !== undefined && now - sentAt < REVOKE_WINDOW_MS && sentAt - now < REVOKE_WINDOW_MS;
}

export interface RevokeOptions {
  /** MsgID from the send response. */
  svrMsgId: string;
  /** The original ClientMsgId/LocalID. */
  localId: string;
  to: string;
  signal?: AbortSignal;
  /** For the error message only. Default Date.now(). */
  now?: number;
}

export interface RevokeResult {
  /** "你可以撤回2分钟内发送的消息…" */
  introduction: string;
  /** "已撤回" */
  sysWording: string;
}

/** webwxrevokemsg. `Ret -1` (the 2-minute window passed) throws RevokeExpiredError. */
export async function revokeMessage(ctx: SessionContext, o: RevokeOptions): Promise<RevokeResult> {
  const text = await postMain(ctx, 'webwxrevokemsg', { body: { SvrMsgId: o.svrMsgId, ToUserName: o.to, ClientMsgId: o.localId }, signal: o.signal });
  let body: { BaseResponse: BaseResponse; Introduction?: unknown; SysWording?: unknown };
  try {
    body = parseJsonBody('webwxrevokemsg', text);
  } catch (err) {
    if (err instanceof ServerRetError && err.ret === -1) throw new RevokeExpiredError(err.ret, clientMsgIdTime(o.localId), o.now ?? Date.now());
    throw err;
  }
  return {
    introduction: typeof body.Introduction === 'string' ? body.Introduction : '',
    sysWording: typeof body.SysWording === 'string' ? body.SysWording : '',
  };
}

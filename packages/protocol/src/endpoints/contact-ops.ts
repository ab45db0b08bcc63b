import type { BaseResponse } from '@wxbot/wire-types';
import { ProtocolError } from '../errors';
import { parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

/** webwxoplog CmdIds (docs/protocol.md 10.1). */
export const OpLogCmd = { MOD_REMARK_NAME: 2, TOP_CONTACT: 3 } as const;

/** webwxverifyuser Opcodes (docs/protocol.md 10.2). */
export const VerifyOpcode = { ADD_CONTACT: 1, SEND_REQUEST: 2, VERIFY_OK: 3, VERIFY_REJECT: 4 } as const;
/** SceneList value of web adds (ADDSCENE_PF_WEB). */
export const VERIFY_SCENE_WEB = 33;

async function opLog(ctx: SessionContext, body: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
  const text = await postMain(ctx, 'webwxoplog', { body, signal });
  parseJsonBody<{ BaseResponse: BaseResponse }>('webwxoplog', text);
}

/** webwxoplog CmdId 2: set a contact's remark name (`''` clears it). The change comes back as ModContactList. */
export async function setRemarkName(ctx: SessionContext, userName: string, remark: string, signal?: AbortSignal): Promise<void> {
  return opLog(ctx, { CmdId: OpLogCmd.MOD_REMARK_NAME, RemarkName: remark, UserName: userName }, signal);
}

/**
 * webwxoplog CmdId 3: pin (OP 1) or unpin (OP 0) a chat. The server overwrites the remark with the
 * RemarkName sent here (docs/protocol.md 10.1, edge case 43), so the caller must give the current one
 * (`''` for a contact without remark).
 */
export async function setPinned(ctx: SessionContext, userName: string, pinned: boolean, currentRemark: string, signal?: AbortSignal): Promise<void> {
  if (typeof currentRemark !== 'string') {
    throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxoplog', 'webwxoplog: setPinned needs the current remark name (a string; "" when none), or the server wipes it');
  }
  return opLog(ctx, { CmdId: OpLogCmd.TOP_CONTACT, OP: pinned ? 1 : 0, RemarkName: currentRemark, UserName: userName }, signal);
}

export interface VerifyUserOptions {
  /** 2 = send a friend request, 3 = accept one, 4 = reject one. */
  opcode: 2 | 3 | 4;
  /** The requester's `RecommendInfo.UserName` (accept, reject), or the person to add. */
  userName: string;
  /** `RecommendInfo.Ticket` when accepting or rejecting; `''` when sending. */
  ticket: string;
  /** Greeting (send) or reply text. */
  content: string;
  signal?: AbortSignal;
}

/** webwxverifyuser (SceneList [33]). Heavily rate-limited: space these out (1205). */
export async function verifyUser(ctx: SessionContext, o: VerifyUserOptions): Promise<void> {
  const text = await postMain(ctx, 'webwxverifyuser', {
    query: { r: Date.now() },
    body: {
      Opcode: o.opcode,
      VerifyUserListSize: 1,
      VerifyUserList: [{ Value: o.userName, VerifyUserTicket: o.ticket }],
      VerifyContent: o.content,
      SceneListCount: 1,
      SceneList: [VERIFY_SCENE_WEB],
      skey: ctx.credentials.skey,
    },
    signal: o.signal,
  });
  parseJsonBody<{ BaseResponse: BaseResponse }>('webwxverifyuser', text);
}

/** Accept a friend request (MsgType 37): pass its `RecommendInfo.UserName` and `RecommendInfo.Ticket`. */
export async function acceptFriendRequest(ctx: SessionContext, r: { userName: string; ticket: string; signal?: AbortSignal }): Promise<void> {
  if (!r.ticket) throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxverifyuser', "webwxverifyuser: accepting needs the request's RecommendInfo.Ticket");
  return verifyUser(ctx, { opcode: VerifyOpcode.VERIFY_OK, userName: r.userName, ticket: r.ticket, content: '', ...(r.signal ? { signal: r.signal } : {}) });
}

/**
 * Reject a friend request (MsgType 37, Opcode 4 VERIFYREJECT): its `RecommendInfo.UserName` and
 * `RecommendInfo.Ticket`, as for accepting. The simulator then refuses to accept it (Ret -14).
 * @example await rejectFriendRequest(ctx, { userName: info.UserName, ticket: info.Ticket });
 */
export async function rejectFriendRequest(ctx: SessionContext, r: { userName: string; ticket: string; signal?: AbortSignal }): Promise<void> {
  if (!r.ticket) throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxverifyuser', "webwxverifyuser: rejecting needs the request's RecommendInfo.Ticket");
  return verifyUser(ctx, { opcode: VerifyOpcode.VERIFY_REJECT, userName: r.userName, ticket: r.ticket, content: '', ...(r.signal ? { signal: r.signal } : {}) });
}

/** Send a friend request with a greeting. */
export async function sendFriendRequest(ctx: SessionContext, r: { userName: string; greeting: string; signal?: AbortSignal }): Promise<void> {
  return verifyUser(ctx, { opcode: VerifyOpcode.SEND_REQUEST, userName: r.userName, ticket: '', content: r.greeting, ...(r.signal ? { signal: r.signal } : {}) });
}

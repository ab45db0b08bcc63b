import {
  addChatroomMembers,
  createChatroom,
  quitChatroom,
  removeChatroomMembers,
  renameChatroom,
  revokeMessage,
  setPinned,
  setRemarkName,
  verifyUser,
  type CreateChatroomResult,
  type VerifyUserOptions,
} from '@wxbot/protocol';
import { sendMediaOnce, type MediaPayload } from '../media/send-media';
import type { Outbox } from '../outbox/types';
import type { OutgoingMediaKind } from '../pipeline/types';

export interface RevokePayload {
  svrMsgId: string;
  localId: string;
  to: string;
}

export type VerifyPayload = Omit<VerifyUserOptions, 'signal'>;

export interface RoomMembersPayload {
  room: string;
  userNames: string[];
  invite?: boolean;
}

/**
 * Executors of every outgoing action besides text: each runs one protocol call with the
 * live session. The outbox around them provides ordering, limits, retries and persistence;
 * payloads are plain JSON so queued actions survive a restart.
 */
export function registerActionExecutors(outbox: Outbox): void {
  for (const kind of ['image', 'file', 'video', 'emoticon'] as const satisfies readonly OutgoingMediaKind[]) {
    outbox.register<MediaPayload, unknown>(`send-${kind}`, (ctx, p) => sendMediaOnce(kind, ctx, p));
  }
  outbox.register<RevokePayload, unknown>('revoke', (ctx, p) => revokeMessage(ctx.session, { ...p, signal: ctx.signal }));
  outbox.register<VerifyPayload, unknown>('verify-user', (ctx, p) => verifyUser(ctx.session, { ...p, signal: ctx.signal }));
  outbox.register<{ userName: string; remark: string }, unknown>('remark', (ctx, p) => setRemarkName(ctx.session, p.userName, p.remark, ctx.signal));
  outbox.register<{ userName: string; pinned: boolean; remark: string }, unknown>('pin', (ctx, p) => setPinned(ctx.session, p.userName, p.pinned, p.remark, ctx.signal));
  outbox.register<{ userNames: string[]; topic: string }, CreateChatroomResult>('create-room', (ctx, p) => createChatroom(ctx.session, p.userNames, p.topic, ctx.signal));
  outbox.register<RoomMembersPayload, unknown>('add-members', (ctx, p) => addChatroomMembers(ctx.session, p.room, p.userNames, { invite: p.invite === true, signal: ctx.signal }));
  outbox.register<RoomMembersPayload, unknown>('remove-members', (ctx, p) => removeChatroomMembers(ctx.session, p.room, p.userNames, ctx.signal));
  outbox.register<{ room: string; topic: string }, unknown>('rename-room', (ctx, p) => renameChatroom(ctx.session, p.room, p.topic, ctx.signal));
  outbox.register<{ room: string }, unknown>('quit-room', (ctx, p) => quitChatroom(ctx.session, p.room, ctx.signal));
}

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
import { localMediaPath } from '../media/media-stash';
import { sendMediaOnce, type MediaPayload } from '../media/send-media';
import type { Executor, Outbox, OutboxAction } from '../outbox/types';
import type { OutgoingMediaKind, SentMessage } from '../pipeline/types';
import { sendTextOnce, type TextPayload } from './sender';
// Outgoing surface (issue 18): link cards and forwards.
import type { ForwardPayload } from './forward';
import { forwardOnce } from './forward-sender';
import { sendLinkOnce, type LinkPayload } from './send-link';

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
 * Every outgoing action kind: its payload (plain JSON, so queued actions survive a restart) and
 * what its executor resolves with. The submitting side (`Submit`) and the executors (`EXECUTORS`)
 * are both typed by this one table. To add a kind: a row here, its executor below, and a method
 * that submits it (bot-actions.ts or sends.ts).
 */
export interface ActionKinds {
  text: { payload: TextPayload; result: SentMessage };
  'send-image': { payload: MediaPayload; result: SentMessage };
  'send-file': { payload: MediaPayload; result: SentMessage };
  'send-video': { payload: MediaPayload; result: SentMessage };
  'send-emoticon': { payload: MediaPayload; result: SentMessage };
  revoke: { payload: RevokePayload; result: unknown };
  'verify-user': { payload: VerifyPayload; result: unknown };
  remark: { payload: { userName: string; remark: string }; result: unknown };
  pin: { payload: { userName: string; pinned: boolean; remark: string }; result: unknown };
  'create-room': { payload: { userNames: string[]; topic: string }; result: CreateChatroomResult };
  'add-members': { payload: RoomMembersPayload; result: unknown };
  'remove-members': { payload: RoomMembersPayload; result: unknown };
  'rename-room': { payload: { room: string; topic: string }; result: unknown };
  'quit-room': { payload: { room: string }; result: unknown };
  // Outgoing surface (issue 18): link cards (webwxsendappmsg 5) and forwards (docs/protocol.md 9.10).
  'send-link': { payload: LinkPayload; result: SentMessage };
  forward: { payload: ForwardPayload; result: SentMessage };
}

export type ActionKind = keyof ActionKinds;

/** An outbox action of kind K, its payload typed by the table. */
export type ActionOf<K extends ActionKind> = OutboxAction<ActionKinds[K]['payload']> & { readonly kind: K };

/** Hands an action to the outbox; resolves with its kind's result. */
export type Submit = <K extends ActionKind>(action: ActionOf<K>) => Promise<ActionKinds[K]['result']>;

// A send resumed on another machine reads the stash's copy of its bytes (its staged file was on the dead one).
const media = (kind: OutgoingMediaKind): Executor<MediaPayload, SentMessage> => async (ctx, p) => sendMediaOnce(kind, ctx, { ...p, path: await localMediaPath(p, ctx.fetchStashed) });

/**
 * The executors, one per kind: each runs one protocol call with the live session. The outbox
 * around them provides ordering, limits, retries and persistence.
 */
export const EXECUTORS: { [K in ActionKind]: Executor<ActionKinds[K]['payload'], ActionKinds[K]['result']> } = {
  text: sendTextOnce,
  'send-image': media('image'),
  'send-file': media('file'),
  'send-video': media('video'),
  'send-emoticon': media('emoticon'),
  revoke: (ctx, p) => revokeMessage(ctx.session, { ...p, signal: ctx.signal }),
  'verify-user': (ctx, p) => verifyUser(ctx.session, { ...p, signal: ctx.signal }),
  remark: (ctx, p) => setRemarkName(ctx.session, p.userName, p.remark, ctx.signal),
  pin: (ctx, p) => setPinned(ctx.session, p.userName, p.pinned, p.remark, ctx.signal),
  'create-room': (ctx, p) => createChatroom(ctx.session, p.userNames, p.topic, ctx.signal),
  'add-members': (ctx, p) => addChatroomMembers(ctx.session, p.room, p.userNames, { invite: p.invite === true, signal: ctx.signal }),
  'remove-members': (ctx, p) => removeChatroomMembers(ctx.session, p.room, p.userNames, ctx.signal),
  'rename-room': (ctx, p) => renameChatroom(ctx.session, p.room, p.topic, ctx.signal),
  'quit-room': (ctx, p) => quitChatroom(ctx.session, p.room, ctx.signal),
  // Outgoing surface (issue 18).
  'send-link': sendLinkOnce,
  forward: forwardOnce,
};

/**
 * Register every kind's executor: the one place where kinds meet the outbox. `done` hears of each
 * action the server carried out (the CLI's "sent" lines).
 */
export function registerActionKinds(outbox: Outbox, done?: (kind: ActionKind, payload: unknown) => void): void {
  for (const kind of Object.keys(EXECUTORS) as ActionKind[]) {
    const run = EXECUTORS[kind] as Executor;
    const observed: Executor = async (ctx, payload) => {
      const result = await run(ctx, payload);
      done?.(kind, payload);
      return result;
    };
    outbox.register(kind, done ? observed : run);
  }
}

/** A Submit over an outbox (the table's types on the way in and out). */
export function submitTo(outbox: Outbox, scope?: { key(): string }): Submit {
  return (action) => outbox.submit({ ...action, ...(scope && action.idempotencyKey === undefined ? { idempotencyKey: scope.key() } : {}) });
}

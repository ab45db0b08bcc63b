import type { BaseResponse, WireMember } from '@wxbot/wire-types';
import { Ret } from '../codes';
import { MalformedBodyError, ProtocolError, ServerRetError } from '../errors';
import { parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

/** createchatroom's partial success, which the official client treats as success (docs/protocol.md 11.1). */
export const RET_CREATE_CHATROOM_PARTIAL = Ret.CREATE_CHATROOM_PARTIAL;
/** webwxinit's usual InviteStartCount. */
export const DEFAULT_INVITE_START_COUNT = 40;

/** MemberStatus in create/add answers: 3 = blacklisted you, 4 = deleted you. */
export const MemberStatus = { BLACKLISTED_YOU: 3, DELETED_YOU: 4 } as const;

export interface ChatroomMemberStatus {
  userName: string;
  nickName: string;
  /** 0 normally; see MemberStatus. */
  memberStatus: number;
}

export interface CreateChatroomResult {
  /** `@@…`: batchgetcontact it to get the group. */
  chatRoomName: string;
  topic: string;
  members: ChatroomMemberStatus[];
  /** True for `Ret -2013` (partial success). */
  partial: boolean;
}

export interface UpdateChatroomResult {
  /** The answer's MemberList when it has one (its shape is not documented for sure). */
  members: ChatroomMemberStatus[];
}

function members(list: unknown): ChatroomMemberStatus[] {
  if (!Array.isArray(list)) return [];
  return (list as Partial<WireMember>[]).map((m) => ({
    userName: typeof m.UserName === 'string' ? m.UserName : '',
    nickName: typeof m.NickName === 'string' ? m.NickName : '',
    memberStatus: typeof m.MemberStatus === 'number' ? m.MemberStatus : 0,
  }));
}

function badArgument(endpoint: string, problem: string): ProtocolError {
  return new ProtocolError('WEBWX_BAD_ARGUMENT', endpoint, `${endpoint}: ${problem}`);
}

/**
 * The official rule for adding members: invite (the invitee must accept) instead of adding
 * directly once the group would reach InviteStartCount (from webwxinit, usually 40) members;
 * addmember on such a group answers `Ret 1` (docs/protocol.md 11.2, edge case 42).
 */
export function shouldInvite(currentCount: number, adding: number, inviteStartCount: number = DEFAULT_INVITE_START_COUNT): boolean {
  return currentCount + adding >= inviteStartCount;
}

/** webwxcreatechatroom with at least 2 others. `Ret -2013` counts as success (`partial: true`). */
export async function createChatroom(ctx: SessionContext, userNames: readonly string[], topic = '', signal?: AbortSignal): Promise<CreateChatroomResult> {
  const endpoint = 'webwxcreatechatroom';
  if (userNames.length < 2) throw badArgument(endpoint, `a group needs at least 2 other members, got ${userNames.length}`);
  const text = await postMain(ctx, endpoint, { query: { r: Date.now() }, body: { MemberCount: userNames.length, MemberList: userNames.map((UserName) => ({ UserName })), Topic: topic }, signal, timeoutMs: 60_000 });
  const body = parseJsonBody<Record<string, unknown> & { BaseResponse: BaseResponse }>(endpoint, text, undefined, [RET_CREATE_CHATROOM_PARTIAL]);
  const name = body['ChatRoomName'];
  if (typeof name !== 'string' || !name.startsWith('@@')) {
    // -2013 without a group is a failure after all: report the server's code, not a parse problem.
    if (body.BaseResponse.Ret !== 0) throw new ServerRetError(endpoint, body.BaseResponse.Ret, body.BaseResponse.ErrMsg ?? '');
    throw new MalformedBodyError(endpoint, 'ChatRoomName is not a @@ group name', text);
  }
  return {
    chatRoomName: name,
    topic: typeof body['Topic'] === 'string' ? body['Topic'] : topic,
    members: members(body['MemberList']),
    partial: body.BaseResponse.Ret === RET_CREATE_CHATROOM_PARTIAL,
  };
}

type UpdateFun = 'addmember' | 'invitemember' | 'delmember' | 'modtopic' | 'quitchatroom';

async function updateChatroom(ctx: SessionContext, fun: UpdateFun, room: string, fields: Record<string, string>, signal?: AbortSignal): Promise<UpdateChatroomResult> {
  const endpoint = 'webwxupdatechatroom';
  if (!room.startsWith('@@')) throw badArgument(endpoint, `${fun}: ${JSON.stringify(room)} is not a group UserName (@@…)`);
  const text = await postMain(ctx, endpoint, { query: { fun }, body: { ChatRoomName: room, ...fields }, signal });
  const body = parseJsonBody<Record<string, unknown>>(endpoint, text);
  return { members: members(body['MemberList']) };
}

function userList(endpoint: string, userNames: readonly string[]): string {
  if (userNames.length === 0) throw badArgument(endpoint, 'no UserNames given');
  return userNames.join(',');
}

/**
 * Add members: `fun=addmember` (AddMemberList) or, with `invite`, `fun=invitemember`
 * (InviteMemberList). Decide with `shouldInvite(group.MemberCount, userNames.length, init.InviteStartCount)`.
 */
export async function addChatroomMembers(ctx: SessionContext, room: string, userNames: readonly string[], o: { invite: boolean; signal?: AbortSignal }): Promise<UpdateChatroomResult> {
  const list = userList('webwxupdatechatroom', userNames);
  return o.invite
    ? updateChatroom(ctx, 'invitemember', room, { InviteMemberList: list }, o.signal)
    : updateChatroom(ctx, 'addmember', room, { AddMemberList: list }, o.signal);
}

/** `fun=delmember` (owner/admin only). */
export async function removeChatroomMembers(ctx: SessionContext, room: string, userNames: readonly string[], signal?: AbortSignal): Promise<UpdateChatroomResult> {
  return updateChatroom(ctx, 'delmember', room, { DelMemberList: userList('webwxupdatechatroom', userNames) }, signal);
}

/** `fun=modtopic` with NewTopic. */
export async function renameChatroom(ctx: SessionContext, room: string, topic: string, signal?: AbortSignal): Promise<UpdateChatroomResult> {
  return updateChatroom(ctx, 'modtopic', room, { NewTopic: topic }, signal);
}

/** `fun=quitchatroom` (docs/protocol.md marks it unverified against the real server). */
export async function quitChatroom(ctx: SessionContext, room: string, signal?: AbortSignal): Promise<UpdateChatroomResult> {
  return updateChatroom(ctx, 'quitchatroom', room, {}, signal);
}

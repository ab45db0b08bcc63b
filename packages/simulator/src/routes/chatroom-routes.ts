import type { WireMember } from '@wxbot/wire-types';
import type { Group, Person } from '../contacts/address-book';
import { renameGroup } from '../contacts/contact-changes';
import { addMembersBySelf, quitGroup, removeMembersBySelf } from '../contacts/group-ops';
import { memberEntry } from '../contacts/wire-contact';
import type { SimCore } from '../core';
import type { Session } from '../session/session';
import { wireJson } from '../util/response';
import { baseResponse, jsonApi } from './json-api';
import { BAD_PARAM, NO_GROUP } from './send-common';

/** Groups of this size or more need `fun=invitemember` (webwxinit's InviteStartCount, edge 42). */
export const INVITE_START_COUNT = 40;
/** [UNSURE] code for a non-owner's delmember; -2 is the documented "logic error". */
const NOT_OWNER = -2;

/** Members as create/update answers list them (MemberStatus 0: none of them deleted or blocked the account). */
function members(session: Session, group: Group, people: Person[]): WireMember[] {
  return people.map((p) => memberEntry(session.directory, group, p, false));
}

/** Friends named by UserNames (a JSON list of `{UserName}` or a comma string); undefined when any is not a friend. */
function friends(session: Session, userNames: string[]): Person[] | undefined {
  const people = userNames.map((u) => session.directory.person(u));
  if (people.length === 0 || people.some((p) => !p || p.kind !== 'friend')) return undefined;
  return [...new Map(people.map((p) => [(p as Person).index, p as Person])).values()];
}

const split = (value: unknown): string[] => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

const createFailure = (ret: number) => ({ BaseResponse: baseResponse(ret), Topic: '', PYInitial: '', QuanPin: '', MemberCount: 0, MemberList: [], ChatRoomName: '', BlackList: '' });

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxcreatechatroom`
 * `{BaseRequest, MemberCount, MemberList:[{UserName}], Topic}` (11.1): needs
 * at least 2 other members, all friends (else Ret 1 [UNSURE]). Answers
 * `{BaseResponse {Ret 0, ErrMsg "Everything is OK"}, Topic, PYInitial,
 * QuanPin, MemberCount, MemberList (the invited, MemberStatus 0),
 * ChatRoomName "@@…", BlackList ""}`; the new (unsaved, self-owned) group
 * follows as ModContactList + `你邀请"B、C"加入了群聊  `.
 */
export const webwxcreatechatroom = jsonApi({
  needBaseRequest: true,
  failure: createFailure,
  handle: (core, _ctx, session, body) => {
    const list = Array.isArray(body['MemberList']) ? (body['MemberList'] as Array<Record<string, unknown> | null>) : [];
    const people = friends(session, list.map((m) => (typeof m?.['UserName'] === 'string' ? m['UserName'] : '')));
    if (!people || people.length < 2) return wireJson(createFailure(BAD_PARAM));
    const topic = typeof body['Topic'] === 'string' ? body['Topic'] : '';
    const group = core.book.createGroup(topic, []);
    addMembersBySelf(core, session, group, people);
    return wireJson({
      BaseResponse: baseResponse(0, 'Everything is OK'),
      Topic: topic,
      PYInitial: group.pyInitial,
      QuanPin: group.pyQuanPin,
      MemberCount: people.length,
      MemberList: members(session, group, people),
      ChatRoomName: session.directory.groupUserName(group),
      BlackList: '',
    });
  },
});

type UpdateResult = { ret: number; people?: Person[] };

function update(core: SimCore, session: Session, group: Group, fun: string, body: Record<string, unknown>): UpdateResult {
  switch (fun) {
    case 'addmember':
    case 'invitemember': {
      const list = split(body[fun === 'addmember' ? 'AddMemberList' : 'InviteMemberList']);
      const people = friends(session, list);
      if (!people) return { ret: BAD_PARAM };
      const fresh = people.filter((p) => !group.members.includes(p.index));
      // The official client switches to invitemember at members + new ≥ InviteStartCount; the server refuses addmember there.
      if (fun === 'addmember' && group.members.length + fresh.length >= INVITE_START_COUNT) return { ret: BAD_PARAM };
      if (fresh.length > 0) addMembersBySelf(core, session, group, fresh);
      return { ret: 0, people };
    }
    case 'delmember': {
      if (group.owner !== 0) return { ret: NOT_OWNER };
      const people = split(body['DelMemberList']).map((u) => session.directory.person(u));
      if (people.length === 0 || people.some((p) => !p || p.index === 0 || !group.members.includes(p.index))) return { ret: BAD_PARAM };
      removeMembersBySelf(core, session, group, people as Person[]);
      return { ret: 0, people: people as Person[] };
    }
    case 'modtopic': {
      const topic = body['NewTopic'];
      if (typeof topic !== 'string' || topic === '') return { ret: BAD_PARAM };
      renameGroup(core, group.topic || group.wxid, topic);
      return { ret: 0 };
    }
    case 'quitchatroom':
      quitGroup(core, session, group);
      return { ret: 0 };
    default:
      return { ret: BAD_PARAM };
  }
}

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxupdatechatroom?fun=…` (11.2):
 * `addmember` (`AddMemberList` "@a,@b"; Ret 1 when members + new ≥ 40),
 * `invitemember` (`InviteMemberList`, any size; invitees join at once
 * [UNSURE: real invitees must accept an invitation card]), `delmember`
 * (`DelMemberList`, owner only, else Ret -2), `modtopic` (`NewTopic`),
 * `quitchatroom`. Unknown group or not a member → Ret 1201; bad lists → Ret 1.
 * Answers `{BaseResponse, MemberCount, MemberList}` with the members the call
 * affected [UNSURE exact shape]; the change follows via webwxsync.
 */
export const webwxupdatechatroom = jsonApi({
  needBaseRequest: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), MemberCount: 0, MemberList: [] }),
  handle: (core, ctx, session, body) => {
    const group = session.directory.group(typeof body['ChatRoomName'] === 'string' ? body['ChatRoomName'] : '');
    if (!group || !group.members.includes(0)) return wireJson({ BaseResponse: baseResponse(NO_GROUP), MemberCount: 0, MemberList: [] });
    const result = update(core, session, group, ctx.query.get('fun') ?? '', body);
    const people = result.people ?? [];
    return wireJson({ BaseResponse: baseResponse(result.ret), MemberCount: result.ret === 0 ? people.length : 0, MemberList: result.ret === 0 ? members(session, group, people) : [] });
  },
});

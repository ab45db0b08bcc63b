import { befriend, recordOutgoingRequest } from '../contacts/friend-ops';
import { groupContact, personContact } from '../contacts/wire-contact';
import { wireJsonCompact } from '../util/response';
import { baseResponse, jsonApi } from './json-api';
import { BAD_PARAM } from './send-common';

const answer = (ret: number) => wireJsonCompact({ BaseResponse: baseResponse(ret) });
const failure = (ret: number) => ({ BaseResponse: baseResponse(ret) });

// webwxoplog commands (docs/protocol.md 10.1).
const CMD_MODREMARKNAME = 2;
const CMD_TOPCONTACT = 3;

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxoplog` (10.1):
 * CmdId 2 `{RemarkName, UserName}` sets the remark of a friend; CmdId 3
 * `{OP 1|0, RemarkName?, UserName}` pins/unpins a friend or group and, as
 * on the real server, overwrites the remark with `RemarkName` — wiping it
 * when the field is absent (edge 43). Answers `{BaseResponse}`; the change
 * arrives as ModContactList (selector 4). Unknown UserName, a non-friend or
 * another CmdId → Ret 1 [UNSURE].
 */
export const webwxoplog = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure,
  handle: (core, _ctx, session, body) => {
    const dir = session.directory;
    const userName = typeof body['UserName'] === 'string' ? body['UserName'] : '';
    const cmd = Number(body['CmdId']);
    const remark = typeof body['RemarkName'] === 'string' ? body['RemarkName'] : undefined;
    const group = dir.group(userName);
    if (group && cmd === CMD_TOPCONTACT) {
      group.pinned = Number(body['OP']) === 1;
      core.publish(session, { kind: 'mod', contact: groupContact(dir, group, session.skey, 'full', session.uin) });
      return answer(0);
    }
    const person = dir.person(userName);
    if (!person || (person.kind !== 'friend' && person.kind !== 'mp')) return answer(BAD_PARAM);
    if (cmd === CMD_MODREMARKNAME) {
      if (remark === undefined) return answer(BAD_PARAM);
      core.book.setRemark(person, remark);
    } else if (cmd === CMD_TOPCONTACT) {
      core.book.setPinned(person, Number(body['OP']) === 1);
      core.book.setRemark(person, remark ?? '');
    } else {
      return answer(BAD_PARAM);
    }
    core.publish(session, { kind: 'mod', contact: personContact(dir, person, session.skey) });
    return answer(0);
  },
});

// VerifyUser opcodes (10.2).
const OP_ADDCONTACT = 1;
const OP_SENDREQUEST = 2;
const OP_VERIFYOK = 3;
const OP_VERIFYREJECT = 4;
/** Ticket error (docs/protocol.md 14): the VerifyUserTicket is not the pending request's. */
const TICKET_ERROR = -14;

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxverifyuser` (10.2):
 * Opcode 3 accepts a received request — `Value` = RecommendInfo.UserName,
 * `VerifyUserTicket` = its Ticket (else Ret -14); the stranger becomes a
 * friend: ModContactList + 10000 "你已添加了X，现在可以开始聊天了。".
 * Opcode 2 (send request; 1 add contact) records a pending request to a
 * stranger (`state().friendRequests`), which `acceptFriendRequest(name)` /
 * `POST /__sim/friends/accept` completes the same way. Opcode 4 rejects a
 * received request: it names the request as Opcode 3 does (its Ticket, else
 * Ret -14 [UNSURE]: the reference gives the opcode, not its checks) and drops
 * it, so accepting it afterwards is refused too. Unknown users or opcodes → Ret 1.
 */
export const webwxverifyuser = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure,
  handle: (core, _ctx, session, body) => {
    const list = Array.isArray(body['VerifyUserList']) ? (body['VerifyUserList'] as Array<Record<string, unknown> | null>) : [];
    const opcode = Number(body['Opcode']);
    if (list.length === 0) return answer(BAD_PARAM);
    const dir = session.directory;
    const people = list.map((item) => dir.person(typeof item?.['Value'] === 'string' ? item['Value'] : ''));
    if (people.some((p) => !p || p.kind === 'self' || p.kind === 'special')) return answer(BAD_PARAM);
    // Accepting and rejecting name a received request: the ticket of its MsgType 37 message.
    const ticketsMatch = (): boolean =>
      list.every((item, i) => {
        const p = people[i];
        return p !== undefined && core.incomingRequests.get(p.index) === item?.['VerifyUserTicket'];
      });
    switch (opcode) {
      case OP_VERIFYOK: {
        if (!ticketsMatch()) return answer(TICKET_ERROR);
        for (const p of people) if (p) befriend(core, session, p);
        return answer(0);
      }
      case OP_SENDREQUEST:
      case OP_ADDCONTACT: {
        const greeting = typeof body['VerifyContent'] === 'string' ? body['VerifyContent'] : '';
        for (const p of people) if (p && p.kind === 'stranger') recordOutgoingRequest(core, session, p, greeting);
        return answer(0);
      }
      case OP_VERIFYREJECT:
        if (!ticketsMatch()) return answer(TICKET_ERROR);
        for (const p of people) if (p) core.incomingRequests.delete(p.index);
        return answer(0);
      default:
        return answer(BAD_PARAM);
    }
  },
});

import type { OutgoingFriendRequest, SimCore } from '../core';
import { SimulatorError } from '../errors';
import { publishSystemLine } from '../messages/publish';
import { wording } from '../messages/wording';
import type { Session } from '../session/session';
import type { Person } from './address-book';
import { personContact } from './wire-contact';

/**
 * A stranger becomes a friend (their request accepted by the account, or
 * the account's request accepted by them): ModContactList with the new
 * friend (ContactFlag 3) and the Status-4 10000 line
 * "你已添加了X，现在可以开始聊天了。" from the new friend.
 */
export function befriend(core: SimCore, session: Session, person: Person): void {
  core.book.befriend(person);
  core.incomingRequests.delete(person.index);
  const dir = session.directory;
  core.publish(session, { kind: 'mod', contact: personContact(dir, person, session.skey) });
  publishSystemLine(core, session, dir.personUserName(person), wording.friendAdded(session.lang, person.nickName), 4);
}

/** Records a request the account sent (webwxverifyuser Opcode 2, or 1). */
export function recordOutgoingRequest(core: SimCore, session: Session, person: Person, greeting: string): OutgoingFriendRequest {
  const request: OutgoingFriendRequest = {
    person: person.index,
    nickName: person.nickName,
    userName: session.directory.personUserName(person),
    greeting,
    at: core.clock.now(),
    status: 'pending',
  };
  core.outgoingRequests.push(request);
  return request;
}

/** The other side accepts the account's pending request (`acceptFriendRequest`, `POST /__sim/friends/accept`). */
export function acceptOutgoingRequest(core: SimCore, name: string): void {
  const session = core.requireSession();
  const request = [...core.outgoingRequests].reverse().find((r) => r.status === 'pending' && (r.nickName === name || core.book.people[r.person]?.wxid === name));
  if (!request) {
    const pending = core.outgoingRequests.filter((r) => r.status === 'pending').map((r) => r.nickName);
    throw new SimulatorError(`no pending friend request to "${name}"; pending: ${pending.join(', ') || 'none'}`, 404);
  }
  const person = core.book.people[request.person];
  if (!person) throw new SimulatorError(`no person ${request.person}`, 500);
  request.status = 'accepted';
  befriend(core, session, person);
}

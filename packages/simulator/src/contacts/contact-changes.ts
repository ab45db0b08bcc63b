import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import { publishSystemLine } from '../messages/publish';
import { wording } from '../messages/wording';
import { modGroupContact, personContact } from './wire-contact';
import { toWireName } from '../messages/text';

/**
 * Publishes a ModContactList entry with the current data of a friend/contact
 * (nickname, remark or wxid) or a group (topic): synccheck then answers
 * selector 4 and the next SyncCheckKey diverges from the SyncKey.
 */
export function publishContact(core: SimCore, name: string): void {
  const session = core.requireSession();
  const dir = session.directory;
  const group = core.book.findGroup(name);
  const person = core.book.findPerson(name);
  const contact = group
    ? modGroupContact(dir, group, session.skey, session.uin)
    : person
      ? personContact(dir, person, session.skey)
      : undefined;
  if (!contact) throw new SimulatorError(`unknown contact or group "${name}"`, 404);
  core.publish(session, { kind: 'mod', contact });
}

/**
 * A group is renamed (by `actor`, a member's nickname, or by the account —
 * `actor` absent or "self"): ModContactList with the new topic plus the 10000
 * line (`"A"修改群名为“X”`, curly quotes as captured; `你修改群名为“X”` for self;
 * English when the session's lang is en_US).
 */
export function renameGroup(core: SimCore, topic: string, newTopic: string, actor?: string): void {
  const session = core.requireSession();
  const group = core.book.findGroup(topic);
  if (!group) throw new SimulatorError(`unknown group "${topic}"; known groups: ${core.book.knownNames('group').join(', ')}`, 404);
  if (typeof newTopic !== 'string' || newTopic === '') throw new SimulatorError('the new topic must be a non-empty string');
  core.book.renameGroup(group, newTopic);
  const dir = session.directory;
  core.publish(session, { kind: 'mod', contact: modGroupContact(dir, group, session.skey, session.uin) });
  const self = actor === undefined || actor === 'self' || actor === core.book.self.nickName;
  const text = self ? wording.youRenamed(session.lang, newTopic) : wording.renamed(session.lang, actor, newTopic);
  publishSystemLine(core, session, dir.groupUserName(group), text);
}

/**
 * The account renames itself (on the phone): the next webwxsync carries `Profile` with
 * BitFlag 190 and the new NickName (docs/protocol.md 6.2); synccheck answers selector 4.
 */
export function renameSelf(core: SimCore, nickName: string): void {
  const session = core.requireSession();
  if (typeof nickName !== 'string' || nickName === '') throw new SimulatorError('the new nickname must be a non-empty string');
  core.book.self.nickName = nickName;
  const userName = session.directory.selfUserName;
  const headImgUrl = `/cgi-bin/mmwebwx-bin/webwxgeticon?seq=${Date.now() % 1_000_000}&username=${userName}&skey=${session.skey}`;
  core.publish(session, { kind: 'profile', nickName: toWireName(nickName), headImgUrl });
}

import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import { makeEntry } from '../messages/entry';
import { toWireText } from '../messages/text';
import { modGroupContact, personContact } from './wire-contact';

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
 * A group is renamed (by `actor`, a member's nickname, or by the account on
 * its phone): ModContactList with the new topic plus the 10000 line
 * (`"A"修改群名为“X”`, curly quotes as captured; `你修改群名为“X”` for self).
 */
export function renameGroup(core: SimCore, topic: string, newTopic: string, actor?: string): void {
  const session = core.requireSession();
  const group = core.book.findGroup(topic);
  if (!group) throw new SimulatorError(`unknown group "${topic}"; known groups: ${core.book.knownNames('group').join(', ')}`, 404);
  core.book.renameGroup(group, newTopic);
  const dir = session.directory;
  publishContact(core, newTopic);
  const text = actor ? `"${actor}"修改群名为“${newTopic}”` : `你修改群名为“${newTopic}”`;
  const entry = makeEntry(core.rng.msgId(), { FromUserName: dir.groupUserName(group), ToUserName: dir.selfUserName, MsgType: 10000, Content: toWireText(text) });
  session.messages.set(entry.MsgId, entry);
  core.publish(session, { kind: 'msg', entry });
}

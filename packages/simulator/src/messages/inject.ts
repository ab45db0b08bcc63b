import type { WireMessage } from '@wxbot/wire-types';
import type { Group, Person } from '../contacts/address-book';
import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import type { Session } from '../session/session';
import * as chat from './chat-messages';
import { makeEntry, toWireMessage, type WireEntry } from './entry';
import * as system from './system-messages';

type From = { from: string; room?: string };

/**
 * What can be injected as an incoming AddMsgList entry. `from` is a friend's
 * (or stranger's, MP's, special's) nickname, remark or wxid; with `room` (a
 * group topic) it names the group member who speaks.
 */
export type InjectInput =
  | ({ kind: 'text'; text: string; mention?: true | string[] } & From)
  | ({ kind: 'image'; width?: number; height?: number } & From)
  | ({ kind: 'voice'; durationMs?: number } & From)
  | ({ kind: 'video'; seconds?: number; width?: number; height?: number } & From)
  | ({ kind: 'emoticon'; store?: boolean } & From)
  | ({ kind: 'link'; title: string; url: string; description?: string } & From)
  | ({ kind: 'file'; fileName: string; size?: number } & From)
  | ({ kind: 'card'; card: string } & From)
  | ({ kind: 'location'; address: string; lat?: number; lng?: number } & From)
  | ({ kind: 'recall'; msgId: string } & From)
  /** 10000 gray line; in a group when `room` is set (no sender prefix). `from` defaults to the chat. */
  | { kind: 'system'; text: string; room?: string; from?: string; status?: number }
  | { kind: 'friend-request'; nickName: string; greeting?: string; wxid?: string; sex?: number; province?: string; city?: string }
  /** MsgType 51: code 1 read, 2 enter, 4 conversation list, 5 quit; `chat` = name or topic. */
  | { kind: 'status-notify'; code: number; chat?: string }
  /** Sent from the phone: FromUserName = self, no prefix. */
  | { kind: 'self-text'; to: string; room?: string; text: string }
  /** The same MsgId delivered again (duplicate delivery). */
  | { kind: 'duplicate'; msgId: string }
  /** Any entry; unspecified fields get realistic defaults. */
  | { kind: 'raw'; entry: Partial<WireMessage> & Pick<WireMessage, 'FromUserName' | 'ToUserName' | 'MsgType'> };

/** The created entry, as a client sees it after JSON.parse. */
export interface InjectedMessage {
  msgId: string;
  entry: WireMessage;
}

function group(core: SimCore, topic: string): Group {
  const g = core.book.findGroup(topic);
  if (!g) throw new SimulatorError(`unknown group "${topic}"; known groups: ${core.book.knownNames('group').join(', ')}`, 404);
  return g;
}

function person(core: SimCore, name: string): Person {
  const p = core.book.findPerson(name);
  if (!p || p.kind === 'self') {
    throw new SimulatorError(`unknown contact "${name}"; known: ${core.book.knownNames('person').join(', ')}`, 404);
  }
  return p;
}

function member(core: SimCore, g: Group, name: string): Person {
  const p = core.book.findPerson(name);
  if (!p || !g.members.includes(p.index)) {
    const names = g.members.slice(0, 20).map((m) => core.book.people[m]?.nickName);
    throw new SimulatorError(`"${name}" is not a member of "${g.topic}"; members: ${names.join(', ')}`, 404);
  }
  return p;
}

/** Scope of an incoming chat message: friend → self, or group (with the sender prefix) → self. */
function incoming(core: SimCore, session: Session, input: From): chat.MessageScope & { sender: Person; group?: Group } {
  if (typeof input.from !== 'string') throw new SimulatorError(`"from" must be a nickname string, got ${typeof input.from}`);
  if (input.room !== undefined && typeof input.room !== 'string') throw new SimulatorError(`"room" must be a group topic string`);
  const dir = session.directory;
  const base = { rng: core.rng, msgId: core.rng.msgId(), to: dir.selfUserName };
  if (input.room !== undefined) {
    const g = group(core, input.room);
    const sender = member(core, g, input.from);
    return { ...base, from: dir.groupUserName(g), prefix: `${dir.personUserName(sender)}:<br/>`, sender, group: g };
  }
  const sender = person(core, input.from);
  return { ...base, from: dir.personUserName(sender), prefix: '', sender };
}

/** Display name used in @-mentions: group nickname, else NickName. */
function mentionName(g: Group | undefined, p: Person): string {
  return g?.displayNames.get(p.index) || p.nickName;
}

function build(core: SimCore, session: Session, input: InjectInput): WireEntry {
  const dir = session.directory;
  const self = dir.selfUserName;
  const plain = { rng: core.rng, msgId: core.rng.msgId(), from: self, to: self, prefix: '' };
  switch (input.kind) {
    case 'text': {
      const s = incoming(core, session, input);
      const targets = input.mention === true ? [core.book.self] : (input.mention ?? []).map((n) => (s.group ? member(core, s.group, n) : person(core, n)));
      const mentions = targets.map((p) => `@${mentionName(s.group, p)}\u2005`).join('');
      return chat.textMessage(s, mentions + input.text);
    }
    case 'image':
      return chat.imageMessage(incoming(core, session, input), input.width, input.height);
    case 'voice':
      return chat.voiceMessage(incoming(core, session, input), input.durationMs);
    case 'video':
      return chat.videoMessage(incoming(core, session, input), input.seconds, input.width, input.height);
    case 'emoticon':
      return chat.emoticonMessage(incoming(core, session, input), input.store);
    case 'link':
      return chat.linkMessage(incoming(core, session, input), input.title, input.url, input.description);
    case 'file':
      return chat.fileMessage(incoming(core, session, input), input.fileName, input.size);
    case 'location':
      return chat.locationMessage(incoming(core, session, input), input.address, input.lat, input.lng);
    case 'card': {
      const p = person(core, input.card);
      const card = { userName: dir.personUserName(p), nickName: p.nickName, alias: p.alias, province: p.province, city: p.city, sex: p.sex, verifyFlag: p.verifyFlag };
      return chat.cardMessage(incoming(core, session, input), card);
    }
    case 'recall': {
      const s = incoming(core, session, input);
      const chatId = s.group ? s.group.wxid : s.sender.wxid;
      return system.recallMessage(s, chatId, input.msgId, mentionName(s.group, s.sender));
    }
    case 'system': {
      const from = input.room !== undefined ? dir.groupUserName(group(core, input.room)) : dir.personUserName(person(core, input.from ?? 'weixin'));
      return system.systemMessage({ ...plain, from }, input.text, input.status);
    }
    case 'friend-request': {
      const p = core.book.add({ nickName: input.nickName, wxid: input.wxid, sex: input.sex, province: input.province, city: input.city }, 'stranger', `wxid_req${core.rng.hex(10)}`);
      const info = { tempUserName: dir.personUserName(p), wxid: p.wxid, nickName: p.nickName, greeting: input.greeting ?? `我是${p.nickName}`, sex: p.sex, province: p.province, city: p.city, alias: p.alias, signature: p.signature };
      return system.friendRequestMessage(plain, info);
    }
    case 'status-notify': {
      if (input.code === 4) return conversationList(core, session);
      const g = input.chat !== undefined ? core.book.findGroup(input.chat) : undefined;
      const chatName = g ? dir.groupUserName(g) : input.chat !== undefined ? dir.personUserName(person(core, input.chat)) : self;
      return system.statusNotifyMessage(plain, input.code, chatName);
    }
    case 'self-text': {
      const to = input.room !== undefined ? dir.groupUserName(group(core, input.room)) : dir.personUserName(person(core, input.to));
      return chat.textMessage({ ...plain, to }, input.text);
    }
    case 'duplicate': {
      const original = session.messages.get(input.msgId);
      if (!original) throw new SimulatorError(`no message ${input.msgId} in this session`, 404);
      return original;
    }
    case 'raw':
      return makeEntry(input.entry.MsgId ?? plain.msgId, input.entry);
    default:
      throw new SimulatorError(`unknown message kind "${(input as { kind: unknown }).kind}"`);
  }
}

/** The 51/4 message listing recent chats (sent after statusnotify Code 3). */
export function conversationList(core: SimCore, session: Session): WireEntry {
  const dir = session.directory;
  const self = dir.selfUserName;
  const chats = core.book.recent.map((ref) => ({
    userName: dir.userNameOf(ref),
    wxid: (ref.type === 'group' ? core.book.groups[ref.index]?.wxid : core.book.people[ref.index]?.wxid) ?? '',
  }));
  return system.conversationListMessage({ rng: core.rng, msgId: core.rng.msgId(), from: self, to: self, prefix: '' }, chats);
}

/** Builds the entry for `input`, appends it to the live session's log and wakes synccheck. */
export function inject(core: SimCore, input: InjectInput): InjectedMessage {
  const session = core.requireSession();
  const entry = build(core, session, input);
  session.messages.set(entry.MsgId, entry);
  core.publish(session, { kind: 'msg', entry });
  return { msgId: entry.MsgId, entry: toWireMessage(entry) };
}

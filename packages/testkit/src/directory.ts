import { createHash } from 'node:crypto';
import { ContactStore, IdentityIndex } from '@wxbot/core/internals';
import type { Scenario, ScenarioPerson } from '@wxbot/simulator';
import type { WireContact, WireMember, WireUser } from '@wxbot/wire-types';

/** One person of the in-process address book, with the UserName minted for this "session". */
export interface BookPerson {
  readonly id: string;
  readonly nickName: string;
  readonly remarkName: string;
  readonly wxid: string;
}

/** A group with its members' ids and in-group names. */
export interface BookGroup {
  readonly id: string;
  readonly topic: string;
  readonly members: ReadonlyArray<{ person: BookPerson; displayName: string }>;
  /** The bot's own group nickname ('' when unset). */
  readonly selfDisplayName: string;
}

/** Special accounts' nicknames, as the server (and the simulator) lists them. */
const SPECIAL_NAMES: Readonly<Record<string, string>> = { filehelper: '文件传输助手', weixin: '微信团队', fmessage: '朋友推荐消息', newsapp: '腾讯新闻' };

const mint = (prefix: string, seed: string, length: number): string =>
  prefix + createHash('sha256').update(seed).digest('hex').slice(0, length);

const contactBase = {
  Uin: 0, HeadImgUrl: '', MemberCount: 0, MemberList: [], HideInputBarFlag: 0, Sex: 0, Signature: '', OwnerUin: 0,
  PYInitial: '', PYQuanPin: '', RemarkPYInitial: '', RemarkPYQuanPin: '', StarFriend: 0, AppAccountFlag: 0, Statues: 0,
  AttrStatus: 0, Province: '', City: '', Alias: '', SnsFlag: 0, UniFriend: 0, DisplayName: '', ChatRoomId: 0, KeyWord: '',
  EncryChatRoomId: '', IsOwner: 0, RemarkName: '', VerifyFlag: 0, ContactFlag: 0,
} satisfies Omit<WireContact, 'UserName' | 'NickName'>;

/**
 * The in-process counterpart of what the simulator serves at login: the scenario's people and
 * groups in a real core `ContactStore`, with session-style UserNames (`@…`, `@@…`).
 */
export class Directory {
  readonly store = new ContactStore(new IdentityIndex());
  readonly self: BookPerson;
  private readonly people: BookPerson[] = [];
  private readonly groupsByTopic = new Map<string, BookGroup>();

  constructor(scenario: Scenario) {
    const s = scenario.self;
    this.self = { id: mint('@', `self:${s.nickName}`, 32), nickName: s.nickName, remarkName: '', wxid: s.wxid ?? 'wxid_self' };
    const user: WireUser = {
      Uin: s.uin ?? 1, UserName: this.self.id, NickName: s.nickName, HeadImgUrl: '', RemarkName: '', PYInitial: '', PYQuanPin: '',
      RemarkPYInitial: '', RemarkPYQuanPin: '', HideInputBarFlag: 0, StarFriend: 0, Sex: s.sex ?? 0, Signature: s.signature ?? '',
      AppAccountFlag: 0, VerifyFlag: 0, ContactFlag: 0, WebWxPluginSwitch: 0, HeadImgFlag: 1, SnsFlag: 0,
    };
    this.store.setSelf(user);
    const add = (p: ScenarioPerson, flags: { ContactFlag: number; VerifyFlag: number }, id = mint('@', `p:${p.wxid ?? p.nickName}`, 32)) => {
      const person = { id, nickName: p.nickName, remarkName: p.remarkName ?? '', wxid: p.wxid ?? '' };
      this.people.push(person);
      this.store.upsert({ ...contactBase, ...flags, UserName: id, NickName: p.nickName, RemarkName: person.remarkName, Sex: p.sex ?? 0, Alias: p.alias ?? '' });
    };
    for (const p of scenario.friends) add(p, { ContactFlag: 1 | (p.pinned ? 0x800 : 0), VerifyFlag: 0 });
    for (const p of scenario.strangers ?? []) add(p, { ContactFlag: 0, VerifyFlag: 0 });
    for (const o of scenario.officialAccounts ?? []) add({ nickName: o.nickName, ...(o.wxid ? { wxid: o.wxid } : {}) }, { ContactFlag: 1, VerifyFlag: o.verifyFlag ?? 24 });
    for (const name of scenario.specials ?? []) add({ nickName: SPECIAL_NAMES[name] ?? name, wxid: name }, { ContactFlag: 1, VerifyFlag: 0 }, name);
    for (const g of scenario.groups ?? []) this.addGroup(g.topic, g.members, g.displayNames ?? {}, g.saved ?? true);
    // Stable ids as after a login (docs/identities.md): bound once all are in (without a state
    // store the bind completes synchronously), then the permanent ids the MsgType 51 list gives.
    void this.store.bindIdentities();
    this.store.identities?.learn(this.people.filter((p) => p.wxid).map((p) => [p.id, p.wxid] as const));
  }

  private addGroup(topic: string, memberNames: readonly string[], displayNames: Record<string, string>, saved: boolean): void {
    const id = mint('@@', `g:${topic}`, 64);
    const members = memberNames.map((name) => ({ person: this.person(name), displayName: displayNames[name] ?? '' }));
    const selfDisplayName = displayNames['self'] ?? '';
    const wireMember = (p: BookPerson, displayName: string): WireMember => ({
      Uin: 0, UserName: p.id, NickName: p.nickName, AttrStatus: 0, PYInitial: '', PYQuanPin: '', RemarkPYInitial: '', RemarkPYQuanPin: '',
      MemberStatus: 0, DisplayName: displayName, KeyWord: '',
    });
    const MemberList = [wireMember(this.self, selfDisplayName), ...members.map((m) => wireMember(m.person, m.displayName))];
    this.store.upsert({ ...contactBase, UserName: id, NickName: topic, ContactFlag: saved ? 3 | 4 : 2, MemberCount: MemberList.length, MemberList });
    this.groupsByTopic.set(topic, { id, topic, members, selfDisplayName });
  }

  /** A person by nickname, remark name or wxid (as the simulator finds them). */
  person(name: string): BookPerson {
    const found = this.people.find((p) => p.nickName === name || p.remarkName === name || p.wxid === name);
    if (!found) throw new Error(`unknown contact "${name}"; known: ${this.people.map((p) => p.nickName).join(', ')}`);
    return found;
  }

  group(topic: string): BookGroup {
    const found = this.groupsByTopic.get(topic);
    if (!found) throw new Error(`unknown group "${topic}"; known groups: ${[...this.groupsByTopic.keys()].join(', ')}`);
    return found;
  }

  /** A new person known only from now on (the requester of a friend request). */
  stranger(nickName: string): BookPerson {
    const person = { id: mint('@', `req:${nickName}:${this.people.length}`, 32), nickName, remarkName: '', wxid: `wxid_req${this.people.length}` };
    this.people.push(person);
    return person;
  }

  /** How the simulator names a send target: a group's topic, else the person's remark or nickname. */
  nameOf(id: string): string {
    const group = [...this.groupsByTopic.values()].find((g) => g.id === id);
    if (group) return group.topic;
    const p = this.people.find((x) => x.id === id);
    return p ? p.remarkName || p.nickName : id;
  }
}

import type { Scenario, ScenarioGroup, ScenarioOfficialAccount, ScenarioPerson } from '../scenario/types';
import type { Rng } from '../util/rng';
import { DEFAULT_SPECIALS, SPECIALS } from './specials';

export type PersonKind = 'self' | 'friend' | 'stranger' | 'mp' | 'special';

/** A resolved person (index 0 is always the self account). Session-independent. */
export interface Person {
  index: number;
  kind: PersonKind;
  wxid: string;
  nickName: string;
  remarkName: string;
  pyInitial: string;
  pyQuanPin: string;
  remarkPyInitial: string;
  remarkPyQuanPin: string;
  sex: number;
  signature: string;
  province: string;
  city: string;
  alias: string;
  verifyFlag: number;
  contactFlag: number;
  starred: boolean;
  headSeq: number;
}

export interface Group {
  index: number;
  wxid: string;
  topic: string;
  saved: boolean;
  /** Person indices, self (0) included. */
  members: number[];
  owner: number;
  displayNames: Map<number, string>;
  muted: boolean;
  /** Pinned with webwxoplog CmdId 3 (ContactFlag 0x800). */
  pinned: boolean;
  pyInitial: string;
  pyQuanPin: string;
  headSeq: number;
}

/** A chat: a person or a group, by index. */
export type ChatRef = { type: 'person'; index: number } | { type: 'group'; index: number };

// ContactFlag bits (docs/protocol.md 13.4).
const CONTACT = 0x01;
const CHATCONTACT = 0x02;
const NOTIFYCLOSE = 0x200;
const TOPCONTACT = 0x800;

/** Pinyin fallback for names we have no reading for: keep ASCII letters and digits. */
function asciiPy(name: string): { initial: string; quanPin: string } {
  const quanPin = name.replace(/[^A-Za-z0-9]/g, '');
  return { initial: quanPin.toUpperCase(), quanPin };
}

/**
 * The account's address book, resolved from a {@link Scenario}: people and
 * groups in arrays, plus name indexes for O(1) lookups by nickname, remark,
 * wxid or topic. UserNames are not here: they are minted per login session.
 */
export class AddressBook {
  readonly people: Person[] = [];
  readonly groups: Group[] = [];
  readonly recent: ChatRef[] = [];
  private readonly personNames = new Map<string, number>();
  private readonly groupNames = new Map<string, number>();
  private listedCache: ChatRef[] | undefined;

  constructor(scenario: Scenario, private readonly rng: Rng) {
    this.add(scenario.self, 'self', 'wxid_self');
    scenario.friends.forEach((p, i) => this.add(p, 'friend', `wxid_friend${i}`));
    (scenario.strangers ?? []).forEach((p, i) => this.add(p, 'stranger', `wxid_stranger${i}`));
    (scenario.officialAccounts ?? []).forEach((p, i) => this.add(p, 'mp', `gh_${rng.hex(12)}${i}`));
    for (const id of scenario.specials ?? DEFAULT_SPECIALS) {
      const info = SPECIALS[id] ?? { nickName: id, pyInitial: id.toUpperCase(), pyQuanPin: id, verifyFlag: 0, contactFlag: 3 };
      const person = this.add({ wxid: id, nickName: info.nickName, pyInitial: info.pyInitial, pyQuanPin: info.pyQuanPin }, 'special', id);
      person.verifyFlag = info.verifyFlag;
      person.contactFlag = info.contactFlag;
    }
    (scenario.groups ?? []).forEach((g) => this.addGroup(g));
    this.recent.push(...this.resolveRecent(scenario.recentChats));
  }

  /** Adds and indexes a person; also used later for friend-request senders. */
  add(p: ScenarioPerson | ScenarioOfficialAccount, kind: PersonKind, fallbackId: string): Person {
    const auto = asciiPy(p.nickName);
    const sp = p as ScenarioPerson;
    const remarkName = sp.remarkName ?? '';
    const remarkAuto = asciiPy(remarkName);
    const person: Person = {
      index: this.people.length,
      kind,
      wxid: p.wxid ?? fallbackId,
      nickName: p.nickName,
      remarkName,
      pyInitial: p.pyInitial ?? auto.initial,
      pyQuanPin: p.pyQuanPin ?? auto.quanPin,
      remarkPyInitial: sp.remarkPyInitial ?? remarkAuto.initial,
      remarkPyQuanPin: sp.remarkPyQuanPin ?? remarkAuto.quanPin,
      sex: sp.sex ?? 0,
      signature: p.signature ?? '',
      province: p.province ?? '',
      city: p.city ?? '',
      alias: p.alias ?? '',
      verifyFlag: kind === 'mp' ? ((p as ScenarioOfficialAccount).verifyFlag ?? 24) : 0,
      contactFlag: 0,
      starred: sp.starred === true,
      headSeq: kind === 'stranger' ? 0 : this.rng.int(600000000, 700000000),
    };
    if (kind === 'friend' || kind === 'mp') {
      person.contactFlag = CONTACT | CHATCONTACT | (sp.pinned ? TOPCONTACT : 0) | (sp.muted ? NOTIFYCLOSE : 0);
    }
    this.people.push(person);
    this.listedCache = undefined;
    for (const name of [person.wxid, person.remarkName, person.nickName]) {
      if (name && !this.personNames.has(name)) this.personNames.set(name, person.index);
    }
    return person;
  }

  private addGroup(g: ScenarioGroup): void {
    const ref = (name: string): number => {
      if (name === 'self') return 0;
      const index = this.personNames.get(name);
      if (index === undefined) throw new Error(`group "${g.topic}": unknown member "${name}"`);
      return index;
    };
    const members = [0, ...g.members.map(ref).filter((m) => m !== 0)];
    const displayNames = new Map<number, string>();
    for (const [name, display] of Object.entries(g.displayNames ?? {})) displayNames.set(ref(name), display);
    const py = asciiPy(g.topic);
    const group: Group = {
      index: this.groups.length,
      wxid: g.wxid ?? `${this.rng.int(100000000, 3999999999)}@chatroom`,
      topic: g.topic,
      saved: g.saved === true,
      members: [...new Set(members)],
      owner: g.owner ? ref(g.owner) : (members[1] ?? 0),
      displayNames,
      muted: g.muted === true,
      pinned: false,
      pyInitial: g.pyInitial ?? py.initial,
      pyQuanPin: g.pyQuanPin ?? py.quanPin,
      headSeq: 0,
    };
    this.groups.push(group);
    for (const name of [group.wxid, group.topic]) if (!this.groupNames.has(name)) this.groupNames.set(name, group.index);
  }

  private resolveRecent(names: string[] | undefined): ChatRef[] {
    if (names) {
      return names.flatMap((n): ChatRef[] => {
        const g = this.groupNames.get(n);
        if (g !== undefined) return [{ type: 'group', index: g }];
        const p = this.personNames.get(n);
        return p !== undefined ? [{ type: 'person', index: p }] : [];
      });
    }
    const pick = (kind: PersonKind, n: number): ChatRef[] =>
      this.people.filter((p) => p.kind === kind).slice(0, n).map((p) => ({ type: 'person', index: p.index }));
    const groups: ChatRef[] = this.groups.slice(0, 5).map((g) => ({ type: 'group', index: g.index }));
    return [...pick('special', 1), ...pick('friend', 5), ...groups, ...pick('mp', 2)];
  }

  get self(): Person {
    return this.people[0] as Person;
  }

  /** By wxid, remark name or nickname (first match in scenario order). */
  findPerson(name: string): Person | undefined {
    const index = this.personNames.get(name);
    return index === undefined ? undefined : this.people[index];
  }

  /** By topic or `…@chatroom` id. */
  findGroup(name: string): Group | undefined {
    const index = this.groupNames.get(name);
    return index === undefined ? undefined : this.groups[index];
  }

  /**
   * What webwxgetcontact lists: friends, official accounts, specials and only
   * the groups saved to contacts (docs/protocol.md 5.3). Cached; O(1) per page.
   */
  listed(): ChatRef[] {
    this.listedCache ??= [
      ...this.people.filter((p) => p.kind === 'friend' || p.kind === 'mp' || p.kind === 'special').map((p): ChatRef => ({ type: 'person', index: p.index })),
      ...this.groups.filter((g) => g.saved).map((g): ChatRef => ({ type: 'group', index: g.index })),
    ];
    return this.listedCache;
  }

  /** A group created by the account (webwxcreatechatroom): unsaved, owned by self. */
  createGroup(topic: string, members: number[]): Group {
    const py = asciiPy(topic);
    const group: Group = {
      index: this.groups.length,
      wxid: `${this.rng.int(100000000, 3999999999)}@chatroom`,
      topic,
      saved: false,
      members: [...new Set([0, ...members])],
      owner: 0,
      displayNames: new Map(),
      muted: false,
      pinned: false,
      pyInitial: py.initial,
      pyQuanPin: py.quanPin,
      headSeq: 0,
    };
    this.groups.push(group);
    for (const name of [group.wxid, topic]) if (name && !this.groupNames.has(name)) this.groupNames.set(name, group.index);
    return group;
  }

  /** A stranger becomes a friend (request accepted either way). */
  befriend(person: Person): void {
    person.kind = 'friend';
    person.contactFlag = CONTACT | CHATCONTACT | (person.contactFlag & (TOPCONTACT | NOTIFYCLOSE));
    if (person.headSeq === 0) person.headSeq = this.rng.int(600000000, 700000000);
    this.listedCache = undefined;
  }

  /** webwxoplog CmdId 2 (and CmdId 3, which rewrites the remark too). */
  setRemark(person: Person, remark: string): void {
    person.remarkName = remark;
    const py = asciiPy(remark);
    person.remarkPyInitial = py.initial;
    person.remarkPyQuanPin = py.quanPin;
    if (remark && !this.personNames.has(remark)) this.personNames.set(remark, person.index);
  }

  setPinned(person: Person, pinned: boolean): void {
    person.contactFlag = pinned ? person.contactFlag | TOPCONTACT : person.contactFlag & ~TOPCONTACT;
  }

  /** Renames a group, keeping the topic index in step. */
  renameGroup(group: Group, topic: string): void {
    if (this.groupNames.get(group.topic) === group.index) this.groupNames.delete(group.topic);
    group.topic = topic;
    const py = asciiPy(topic);
    group.pyInitial = py.initial;
    group.pyQuanPin = py.quanPin;
    if (!this.groupNames.has(topic)) this.groupNames.set(topic, group.index);
  }

  /** Names for error messages: "unknown nickname X; known: …" (capped). */
  knownNames(kind: 'person' | 'group', limit = 20): string[] {
    const names = kind === 'group' ? this.groups.map((g) => g.topic) : this.people.filter((p) => p.kind !== 'self').map((p) => p.nickName);
    return names.slice(0, limit);
  }
}

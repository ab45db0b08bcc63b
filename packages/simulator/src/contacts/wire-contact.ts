import type { WireContact, WireMember, WireUser } from '@wxbot/wire-types';
import { toWireName } from '../messages/text';
import type { Group, Person } from './address-book';
import type { Directory } from './directory';

const ICON = '/cgi-bin/mmwebwx-bin/webwxgeticon';
const HEADIMG = '/cgi-bin/mmwebwx-bin/webwxgetheadimg';
// ContactFlag bits for groups (docs/protocol.md 13.4): 0x02 chat contact, 0x04 saved to contacts.
const GROUP_UNSAVED = 0x02;
const GROUP_SAVED = 0x02 | 0x04;
const GROUP_PINNED = 0x800;

/**
 * How a group is shown:
 * - `list`: webwxgetcontact, empty MemberList but MemberCount set;
 * - `stub`: webwxinit ContactList, members as empty stubs (UserName only);
 * - `full`: batchgetcontact / ModContactList, full members + EncryChatRoomId.
 */
export type GroupView = 'list' | 'stub' | 'full';

function base(): Omit<WireContact, 'UserName' | 'NickName' | 'HeadImgUrl'> {
  return {
    Uin: 0,
    ContactFlag: 0,
    MemberCount: 0,
    MemberList: [],
    RemarkName: '',
    HideInputBarFlag: 0,
    Sex: 0,
    Signature: '',
    VerifyFlag: 0,
    OwnerUin: 0,
    PYInitial: '',
    PYQuanPin: '',
    RemarkPYInitial: '',
    RemarkPYQuanPin: '',
    StarFriend: 0,
    AppAccountFlag: 0,
    Statues: 0,
    AttrStatus: 0,
    Province: '',
    City: '',
    Alias: '',
    SnsFlag: 0,
    UniFriend: 0,
    DisplayName: '',
    ChatRoomId: 0,
    KeyWord: '',
    EncryChatRoomId: '',
    IsOwner: 0,
  };
}

/** `skey` is empty in batchgetcontact answers (docs/protocol.md 5.4). */
export function personContact(dir: Directory, p: Person, skey: string): WireContact {
  const userName = dir.personUserName(p);
  return {
    ...base(),
    UserName: userName,
    NickName: toWireName(p.nickName),
    HeadImgUrl: `${ICON}?seq=${p.headSeq}&username=${userName}&skey=${skey}`,
    ContactFlag: p.contactFlag,
    RemarkName: toWireName(p.remarkName),
    Sex: p.sex,
    Signature: toWireName(p.signature),
    VerifyFlag: p.verifyFlag,
    PYInitial: p.pyInitial,
    PYQuanPin: p.pyQuanPin,
    RemarkPYInitial: p.remarkPyInitial,
    RemarkPYQuanPin: p.remarkPyQuanPin,
    StarFriend: p.starred ? 1 : 0,
    AttrStatus: p.kind === 'friend' || p.kind === 'stranger' ? 100000 + ((p.index * 7919) % 99999) : 0,
    Province: p.province,
    City: p.city,
    Alias: p.alias,
    SnsFlag: p.kind === 'friend' ? 1 + (p.index % 2) * 16 : 0,
    KeyWord: p.kind === 'mp' ? 'gh_' : p.wxid.startsWith('wxid_') ? '' : p.wxid.slice(0, 3),
  };
}

export function memberEntry(dir: Directory, g: Group, p: Person, stub: boolean): WireMember {
  return {
    Uin: 0,
    UserName: dir.personUserName(p),
    NickName: stub ? '' : toWireName(p.nickName),
    AttrStatus: stub ? 0 : 100000 + ((p.index * 7919) % 99999),
    PYInitial: '',
    PYQuanPin: '',
    RemarkPYInitial: '',
    RemarkPYQuanPin: '',
    MemberStatus: 0,
    DisplayName: stub ? '' : toWireName(g.displayNames.get(p.index) ?? ''),
    KeyWord: '',
  };
}

export function groupContact(dir: Directory, g: Group, skey: string, view: GroupView, selfUin: number): WireContact {
  const userName = dir.groupUserName(g);
  const full = view === 'full';
  const people = dir.book.people;
  return {
    ...base(),
    UserName: userName,
    NickName: toWireName(g.topic),
    HeadImgUrl: `${HEADIMG}?seq=${g.headSeq}&username=${userName}&skey=${skey}`,
    ContactFlag: (g.saved ? GROUP_SAVED : GROUP_UNSAVED) | (g.pinned ? GROUP_PINNED : 0),
    MemberCount: g.members.length,
    MemberList:
      view === 'list' ? [] : g.members.map((m) => memberEntry(dir, g, people[m] as Person, !full)),
    PYInitial: g.pyInitial,
    PYQuanPin: g.pyQuanPin,
    Statues: g.muted ? 0 : 1,
    OwnerUin: full && g.owner === 0 ? selfUin : 0,
    EncryChatRoomId: full ? dir.encryChatRoomId(g) : '',
    IsOwner: g.owner === 0 ? 1 : 0,
  };
}

/** ModContactList group entries also carry ChatRoomOwner, HeadImgUpdateFlag, ContactType. */
export function modGroupContact(dir: Directory, g: Group, skey: string, selfUin: number): WireContact {
  const owner = dir.book.people[g.owner];
  return {
    ...groupContact(dir, g, skey, 'full', selfUin),
    ChatRoomOwner: owner ? dir.personUserName(owner) : '',
    HeadImgUpdateFlag: 1,
    ContactType: 0,
  };
}

/** webwxinit's `User`. */
export function selfUser(dir: Directory, uin: number, skey: string): WireUser {
  const p = dir.book.self;
  const userName = dir.selfUserName;
  return {
    Uin: uin,
    UserName: userName,
    NickName: toWireName(p.nickName),
    HeadImgUrl: `${ICON}?seq=${p.headSeq}&username=${userName}&skey=${skey}`,
    RemarkName: '',
    PYInitial: '',
    PYQuanPin: '',
    RemarkPYInitial: '',
    RemarkPYQuanPin: '',
    HideInputBarFlag: 0,
    StarFriend: 0,
    Sex: p.sex,
    Signature: toWireName(p.signature),
    AppAccountFlag: 0,
    VerifyFlag: 0,
    ContactFlag: 0,
    WebWxPluginSwitch: 0,
    HeadImgFlag: 1,
    SnsFlag: 17,
  };
}

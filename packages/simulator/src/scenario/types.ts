/**
 * The scenario: who the logged-in account is and what its address book holds.
 * Plain data (JSON-compatible) so it can be loaded from a file with
 * `--scenario FILE`; see README.md for the file format.
 */

/** A person: friend, stranger (non-friend group member) or the self account. */
export interface ScenarioPerson {
  /** Permanent id (`wxid_…`). Generated when absent. Only leaks via MsgType 51 content. */
  wxid?: string;
  /** Plain Unicode; emoji are rendered as `<span class="emoji …">` on the wire. */
  nickName: string;
  remarkName?: string;
  /** Pinyin fields; derived from ASCII letters when absent. */
  pyInitial?: string;
  pyQuanPin?: string;
  remarkPyInitial?: string;
  remarkPyQuanPin?: string;
  /** 0 unknown, 1 male, 2 female. */
  sex?: number;
  signature?: string;
  province?: string;
  city?: string;
  alias?: string;
  starred?: boolean;
  /** Pinned chat (ContactFlag 0x800). */
  pinned?: boolean;
  /** Notifications off (ContactFlag 0x200). */
  muted?: boolean;
}

/** The logged-in account. */
export interface ScenarioSelf extends ScenarioPerson {
  uin?: number;
  /** Plain web login refused with `ret 1203` at newloginpage. */
  webLoginBlocked?: boolean;
  /** Desktop (UOS, `mod=desktop`) logins allowed even when web login is blocked. */
  desktopCapable?: boolean;
}

/** Official account (MP). */
export interface ScenarioOfficialAccount {
  /** `gh_…`; generated when absent. */
  wxid?: string;
  nickName: string;
  /** 8 personal MP, 24 verified company MP (default), 56 WeChat team. */
  verifyFlag?: number;
  signature?: string;
  alias?: string;
  province?: string;
  city?: string;
  pyInitial?: string;
  pyQuanPin?: string;
}

export interface ScenarioGroup {
  /** `<digits>@chatroom`; generated when absent. */
  wxid?: string;
  topic: string;
  /** Saved to contacts (ContactFlag & 4): listed by webwxgetcontact. */
  saved?: boolean;
  /** wxid or nickName of friends/strangers; the self account is always a member. */
  members: string[];
  /** wxid/nickName of the owner, or `"self"`. Defaults to the first member. */
  owner?: string;
  /** In-group nicknames, keyed by member wxid or nickName (`"self"` for the account). */
  displayNames?: Record<string, string>;
  muted?: boolean;
  pyInitial?: string;
  pyQuanPin?: string;
}

/**
 * A complete scenario.
 *
 * @example
 * const s: Scenario = { self: { nickName: 'bot' }, friends: [{ nickName: 'Alice' }] };
 */
export interface Scenario {
  self: ScenarioSelf;
  friends: ScenarioPerson[];
  /** Non-friends who appear as group members. */
  strangers?: ScenarioPerson[];
  officialAccounts?: ScenarioOfficialAccount[];
  /** Literal special accounts; defaults to filehelper, weixin, fmessage, newsapp. */
  specials?: string[];
  groups?: ScenarioGroup[];
  /** Recent chats for webwxinit (names, topics or ids); default: a few of each kind. */
  recentChats?: string[];
}

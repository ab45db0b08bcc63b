import type { BotEvents, ContactDirectory, FriendRequestInfo, Message, PluginEntry, PluginEventName } from '@wxbot/core';
import type { Scenario, ScenarioGroup, ScenarioOfficialAccount, ScenarioPerson, ScenarioSelf } from '@wxbot/simulator';
import type { Logger } from 'pino';

/** Where the test bot runs: the real pipeline in this process, or a real Bot over HTTP against the simulator. */
export type TestBotMode = 'in-process' | 'simulator';

/**
 * The address book of a test bot. Anything left out comes from the simulator's demo scenario
 * (self "wxbot"; friends Alice, Bob (remark "Bobby"), Carol, Dave...; groups "Family" and
 * "Dev Team"). Group members that are not friends become strangers by themselves.
 */
export interface AddressBookOptions {
  /** The bot's own account: a nickname or a full person. */
  self?: string | ScenarioSelf;
  /** Friends: nicknames or full persons. */
  contacts?: ReadonlyArray<string | ScenarioPerson>;
  groups?: readonly ScenarioGroup[];
  officialAccounts?: ReadonlyArray<string | ScenarioOfficialAccount>;
  /** A complete scenario instead (the other fields are ignored). */
  scenario?: Scenario;
}

export interface TestBotOptions extends AddressBookOptions {
  /** The plugins under test, as in bot.config.ts. */
  plugins: readonly PluginEntry[];
  /** Default: `process.env.WXBOT_TESTKIT_MODE`, else 'in-process'. */
  mode?: TestBotMode;
  /** Where plugin logs go. Default: silent. */
  logger?: Logger;
  /** Simulator mode: give up waiting for one message after this long. Default 15 s. */
  timeoutMs?: number;
}

/** Who says it: a friend by nickname/remark/wxid, or with `room` (a group topic) a member of that group. */
export interface FromOptions {
  /** Default: the first friend. */
  from?: string;
  room?: string;
}

/** Options of a text message. */
export interface TextOptions extends FromOptions {
  /** `true`: @-mention the bot first (as a phone does: `@name\u2005`); or the names of members to mention. */
  mention?: true | readonly string[];
}

/** An incoming message of any kind (the same shapes as the simulator's `inject`). */
export type Incoming =
  | ({ kind: 'text'; text: string } & TextOptions)
  | ({ kind: 'image'; width?: number; height?: number } & FromOptions)
  | ({ kind: 'voice'; durationMs?: number } & FromOptions)
  | ({ kind: 'video'; seconds?: number } & FromOptions)
  | ({ kind: 'emoticon' } & FromOptions)
  | ({ kind: 'link'; title: string; url: string; description?: string } & FromOptions)
  | ({ kind: 'file'; fileName: string; size?: number } & FromOptions)
  | ({ kind: 'location'; address: string; lat?: number; lng?: number } & FromOptions)
  | { kind: 'friend-request'; nickName: string; greeting?: string }
  /** A gray system line (MsgType 10000) in a chat or, with `room`, in a group. */
  | { kind: 'system'; text: string; from?: string; room?: string }
  /** Sent from the owner's phone: `to` a friend, or `room`. */
  | { kind: 'self-text'; text: string; to?: string; room?: string };

/**
 * One message the bot sent. `to` is where it went, as the simulator names it: the friend's
 * remark or nickname, or the group's topic (session ids differ between runs, names do not).
 */
export interface Reply {
  to: string;
  /** The text; '' for media. */
  text: string;
  /** Set for media replies (`ctx.reply({ image: './cat.png' })`). */
  media?: { kind: 'image' | 'file' | 'video' | 'emoticon'; name?: string };
  /** Set for link cards, sent (`ctx.reply({ link })`) or forwarded (links, mini-programs). */
  link?: { title: string; url: string };
}

/** A bot under test. `receive` resolves once the message went through every plugin and every reply was sent. */
export interface TestBot {
  readonly mode: TestBotMode;
  /** A text (from the first friend unless `from`/`room` say otherwise). Resolves with the replies. */
  receive(text: string, options?: TextOptions): Promise<Reply[]>;
  /** Any kind of message. */
  receive(incoming: Incoming): Promise<Reply[]>;
  /** A group text that @-mentions the bot. */
  mention(room: string, from: string, text: string): Promise<Reply[]>;
  /** A friend request (MsgType 37 from `fmessage`): the plugins' `friendship` listeners, then their middleware. */
  friendRequest(nickName: string, greeting?: string): Promise<Reply[]>;
  /**
   * Deliver a bot event (`room-join`, `friendship`, ...) to the plugins' `api.onEvent` listeners;
   * resolves with the replies sent meanwhile. In-process mode only (the simulator mode gets events
   * from the server).
   */
  emit<K extends PluginEventName>(name: K, ...args: BotEvents[K]): Promise<Reply[]>;
  /** The bot's address book (to build events, or to look up ids). */
  readonly contacts: ContactDirectory;
  /** Every reply so far, in order. */
  readonly replies: readonly Reply[];
  /** Friend requests the plugins accepted (in-process mode records them; the simulator mode leaves it empty). */
  readonly accepted: readonly FriendRequestInfo[];
  /** Friend requests the plugins rejected (in-process mode records them; the simulator mode leaves it empty). */
  readonly rejected: readonly FriendRequestInfo[];
  /** Every message the plugins were given, parsed, in order. */
  readonly messages: readonly Message[];
  /** Tear the plugins down (their disposers run); stop the simulator in simulator mode. */
  close(): Promise<void>;
}

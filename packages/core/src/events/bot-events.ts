import type { Contact } from '../contacts/types';
import type { ContactChangeEvent, RoomJoinEvent, RoomLeaveEvent, RoomTopicEvent } from './change-events';
import type { FriendRequestInfo, Message } from '../message/types';
import type { ContactProgress } from '../contacts/types';

/** Lifecycle states of a Bot. */
export type BotState = 'idle' | 'logging-in' | 'running' | 'reconnecting' | 'stopped';

/** How the session was obtained. */
export type LoginMethod = 'resume' | 'push' | 'qr';

export interface LogoutEvent {
  /** Server code: 1100, 1101, 1102, 1203... */
  code: number;
  /** What the code means, in words. */
  reason: string;
}

/** Events a Bot emits, with their payloads. */
export interface BotEvents {
  /** Show this QR code (`url` is what it encodes). */
  qr: [event: { uuid: string; url: string }];
  /** The phone scanned the code and awaits confirmation. */
  scan: [event: { avatar?: string }];
  /** Logged in and ready: contacts loaded. */
  login: [event: { self: Contact; method: LoginMethod }];
  /** The session ended (the bot then follows its re-login policy). */
  logout: [event: LogoutEvent];
  /** Every new incoming message (before the plugins see it). */
  message: [message: Message];
  /** Progress of long steps (login steps, contact loading). */
  progress: [event: { step: string; detail?: ContactProgress }];
  /** Lifecycle state changed. */
  state: [state: BotState];
  /** Something went wrong that did not stop the bot. */
  error: [error: Error];
  /** A friend request arrived (`accept()`, `reject()` or `ignore()` it), or a new friend was added. */
  friendship: [event: FriendshipEvent];
  /** Members joined a group (from ModContactList; inviter from the system line). */
  'room-join': [event: RoomJoinEvent];
  /** Members left or were removed from a group; `self` when it is the bot. */
  'room-leave': [event: RoomLeaveEvent];
  /** A group was renamed. */
  'room-topic': [event: RoomTopicEvent];
  /** A contact was added or changed (remark, nickname...). */
  contact: [event: ContactChangeEvent];
  /**
   * After a new login, a queued action or a journalled message whose chat could not be found
   * again (docs/identities.md): one event per item, with what became of it.
   */
  unresolved: [event: UnresolvedItemEvent];
}

/** An item a new login could not re-address (the `unresolved` event). */
export interface UnresolvedItemEvent {
  /** A queued outgoing action (`action`) or a received message not yet handled (`message`). */
  item: 'action' | 'message';
  /** The action's id (with `kind`) or the message's MsgId. */
  id: string;
  kind?: string;
  /** The earlier session's UserName it was addressed to or came from. */
  userName: string;
  stableId?: string;
  /** The contact's last known name, when the bot knew it. */
  name?: string;
  reason: 'unknown' | 'absent' | 'ambiguous' | 'no-session';
  /** `kept`: the action stays queued, unsent, until its contact is found; `failed`: it failed with WXBOT_CONTACT_UNRESOLVED; `dropped`: the message is marked done unhandled. */
  outcome: 'kept' | 'failed' | 'dropped';
}

/** `friendship` payloads. */
export type FriendshipEvent =
  | {
      type: 'request';
      request: FriendRequestInfo;
      /** The MsgType 37 message that carried it. */
      message: Message;
      /** Accept the request (webwxverifyuser Opcode 3). */
      accept(): Promise<void>;
      /** Reject the request (webwxverifyuser Opcode 4): the server forgets it. */
      reject(): Promise<void>;
      /** Leave the request unanswered (nothing is sent: the web protocol has no "ignore"). */
      ignore(): void;
    }
  | { type: 'confirm'; contact: Contact };

const LOGOUT_REASONS: Readonly<Record<number, string>> = {
  1100: 'logged out on the phone (or the session no longer exists)',
  1101: 'logged in elsewhere (another web or desktop login replaced this one)',
  1102: 'cookies invalid (the server no longer accepts this session)',
  1203: 'this account is not allowed to log in to Web WeChat (try login.mode "desktop")',
  1205: 'frequency limit: the server ended the session for too many requests',
};

export function describeLogout(code: number): string {
  return LOGOUT_REASONS[code] ?? `session ended by the server (code ${code})`;
}

import type { ChangeEvent } from '../events/change-events';
import type { FriendRequestInfo, Message } from '../message/types';
import type { PluginEventName } from '../plugin/types';
import type { BotEvents } from './bot-events';

/** What the bridge needs from the Bot. */
export interface EventSink {
  /** To the bot's listeners only. */
  emitMessage(message: Message): void;
  /** To the bot's listeners and the plugins' `onEvent` listeners. */
  broadcast<K extends PluginEventName>(name: K, ...args: BotEvents[K]): void;
  acceptFriendRequest(request: FriendRequestInfo): Promise<void>;
}

/** Turns what a sync batch yields (messages, contact changes) into the Bot's events. */
export function batchEvents(sink: EventSink): { emitMessage(m: Message): void; emitChange(change: ChangeEvent): void } {
  return {
    emitMessage(m) {
      sink.emitMessage(m);
      if (m.kind === 'friend-request' && m.friendRequest) {
        const request = m.friendRequest;
        sink.broadcast('friendship', { type: 'request', request, message: m, accept: () => sink.acceptFriendRequest(request) });
      }
    },
    emitChange(change) {
      switch (change.name) {
        case 'contact':
          sink.broadcast('contact', change.event);
          if (change.event.becameFriend) sink.broadcast('friendship', { type: 'confirm', contact: change.event.contact });
          return;
        case 'room-join':
          return sink.broadcast('room-join', change.event);
        case 'room-leave':
          return sink.broadcast('room-leave', change.event);
        case 'room-topic':
          return sink.broadcast('room-topic', change.event);
      }
    },
  };
}

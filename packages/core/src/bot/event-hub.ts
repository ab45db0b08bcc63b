import type { EventEmitter } from 'node:events';
import type { ChangeEvent } from '../events/change-events';
import type { Message } from '../message/types';
import type { PluginEventName } from '../plugin/types';
import type { BotEvents } from '../events/bot-events';
import type { MessagePipeline } from './pipeline-adapter';

/**
 * Where the bot's events go out: to the Bot's listeners and, for plugin events, to the plugins'
 * `onEvent` listeners. Turns what a sync batch yields (messages, contact changes) into events.
 */
export class EventHub {
  constructor(
    private readonly emitter: EventEmitter<BotEvents>,
    private readonly pipeline: () => MessagePipeline | undefined,
    /** Records a request as pending and gives what its event can do with it. */
    private readonly friendRequest: (request: NonNullable<Message['friendRequest']>) => { accept(): Promise<void>; reject(): Promise<void>; ignore(): void },
    private readonly log: { error(obj: object, msg: string): void },
  ) {}

  /** To the bot's listeners only. */
  emit<K extends keyof BotEvents>(name: K, ...args: BotEvents[K]): void {
    (this.emitter.emit as (n: K, ...a: BotEvents[K]) => boolean).call(this.emitter, name, ...args);
  }

  /** To the bot's listeners and the plugins' `onEvent` listeners. */
  broadcast<K extends PluginEventName>(name: K, ...args: BotEvents[K]): void {
    try {
      this.emit(name, ...args);
    } finally {
      // A bot listener that throws does not keep the event from the plugins.
      const pipeline = this.pipeline();
      if (pipeline) void pipeline.emit(name, ...args);
    }
  }

  /** An error nobody awaits: to the 'error' listeners, or the log when there are none. */
  error(err: Error): void {
    if (this.emitter.listenerCount('error') > 0) this.emit('error', err);
    else this.log.error({ err }, err.message);
  }

  /** Whether anyone listens to 'message' (when nobody does, messages nobody handles are not parsed). */
  get observed(): boolean {
    return this.emitter.listenerCount('message') > 0;
  }

  // The receive path calls these for each message and change of a batch: a listener that throws
  // is logged, and the rest of the batch (its other events, its handling) goes on.
  message(m: Message): void {
    this.guard('message', () => this.emit('message', m));
    if (m.kind === 'friend-request' && m.friendRequest) {
      const request = m.friendRequest;
      this.guard('friendship', () => this.broadcast('friendship', { type: 'request', request, message: m, ...this.friendRequest(request) }));
    }
  }

  change(change: ChangeEvent): void {
    switch (change.name) {
      case 'contact': {
        const event = change.event;
        this.guard('contact', () => this.broadcast('contact', event));
        if (event.becameFriend) this.guard('friendship', () => this.broadcast('friendship', { type: 'confirm', contact: event.contact }));
        return;
      }
      case 'room-join':
        return this.guard('room-join', () => this.broadcast('room-join', change.event));
      case 'room-leave':
        return this.guard('room-leave', () => this.broadcast('room-leave', change.event));
      case 'room-topic':
        return this.guard('room-topic', () => this.broadcast('room-topic', change.event));
    }
  }

  private guard(event: string, deliver: () => void): void {
    try {
      deliver();
    } catch (err) {
      this.log.error({ err, event }, 'an event listener threw');
    }
  }
}

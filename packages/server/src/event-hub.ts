import type { Bot, BotState, LoginMethod } from '@wxbot/core';
import { messageView, scrub, type MessageView } from './views';

/** Every event the API publishes (SSE `event:` names, webhook `events` filters). */
export const EVENT_TYPES = ['message', 'sent', 'state', 'qr', 'login', 'logout', 'error'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Payload of each event type. */
export interface EventData {
  message: MessageView;
  /** A send asked through the API (or a webhook's reply) was accepted by the server. */
  sent: { actionId: string; to: string; msgId: string; kind: string };
  state: { state: BotState };
  /** A scan is needed: show this code (`url` is what it encodes). */
  qr: { uuid: string; url: string };
  login: { account: AccountView; method: LoginMethod };
  logout: { code: number; reason: string };
  error: { message: string; code?: string };
}

/** One published event; `seq` increases by one per event in this process. */
export interface ApiEvent<T extends EventType = EventType> {
  seq: number;
  type: T;
  at: string;
  data: EventData[T];
}

/** The logged-in account as the API shows it. */
export interface AccountView {
  id: string;
  name: string;
}

type Listener = (event: ApiEvent) => void;

/**
 * Turns the Bot's events into the API's public events (no wire objects, no secrets) and fans them
 * out to SSE clients, webhooks and metrics. It also remembers what a late visitor needs: the live
 * QR (until the login), the account and how it logged in.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  /** The QR waiting for a scan, or undefined while logged in. */
  qr: EventData['qr'] | undefined;
  account: AccountView | undefined;
  loginMethod: LoginMethod | undefined;
  private readonly detach: () => void;

  constructor(bot: Bot) {
    const on = <K extends Parameters<Bot['on']>[0]>(name: K, fn: (...args: never[]) => void): (() => void) => {
      bot.on(name, fn as never);
      return () => bot.off(name, fn as never);
    };
    const offs = [
      on('qr', ({ uuid, url }: { uuid: string; url: string }) => {
        this.qr = { uuid, url };
        this.publish('qr', { uuid, url });
      }),
      on('login', ({ self, method }: { self: { id: string; name: string }; method: LoginMethod }) => {
        this.qr = undefined;
        this.account = { id: self.id, name: self.name };
        this.loginMethod = method;
        this.publish('login', { account: this.account, method });
      }),
      on('logout', ({ code, reason }: { code: number; reason: string }) => this.publish('logout', { code, reason })),
      on('message', (m: Parameters<typeof messageView>[0]) => this.publish('message', messageView(m))),
      on('state', (state: BotState) => this.publish('state', { state })),
      on('error', (err: Error & { code?: unknown }) => this.publish('error', { message: scrub(err.message), ...(typeof err.code === 'string' ? { code: err.code } : {}) })),
    ];
    this.detach = () => offs.forEach((off) => off());
  }

  publish<T extends EventType>(type: T, data: EventData[T]): void {
    const event = { seq: ++this.seq, type, at: new Date().toISOString(), data } as ApiEvent;
    for (const listener of this.listeners) listener(event);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.detach();
    this.listeners.clear();
  }
}

import type { ApiEvent, EventType } from './event-hub';

/** Events only the fleet-wide stream carries: an account came to this worker, or left it. */
export const FLEET_EVENT_TYPES = ['attached', 'detached'] as const;
export type FleetEventType = EventType | (typeof FLEET_EVENT_TYPES)[number];

/** One event of the fleet-wide stream: an account's event, renumbered in the fleet's own sequence. */
export interface FleetApiEvent {
  seq: number;
  account: string;
  type: FleetEventType;
  at: string;
  data: ApiEvent['data'] | Record<string, never>;
}

type Listener = (event: FleetApiEvent) => void;

/**
 * Fans the events of every account this worker holds into one stream (`GET /api/events` of a
 * fleet server), each naming its account, with one `seq` across them all.
 */
export class FleetHub {
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  /** Relays an account's event. */
  relay(account: string, event: ApiEvent): void {
    this.emit({ seq: ++this.seq, account, type: event.type, at: event.at, data: event.data });
  }

  /** Says an account came or left. */
  announce(account: string, type: 'attached' | 'detached'): void {
    this.emit({ seq: ++this.seq, account, type, at: new Date().toISOString(), data: {} });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
  }

  private emit(event: FleetApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

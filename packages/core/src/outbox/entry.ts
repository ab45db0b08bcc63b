// An outbox queue entry: the persisted action plus what only lives in memory.
import { randomUUID } from 'node:crypto';
import { newClientMsgId } from '@wxbot/protocol';
import type { StoredAction } from './outbox-store';
import type { OutboxAction } from './types';

export interface Waiter {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface Entry extends StoredAction {
  persist: boolean;
  notBefore: number;
  /** Resolves once a write including this entry is on disk (write-ahead). */
  written: Promise<void>;
  /** Its outcome is unknown (answer lost, or resumed after a crash): held until settled. */
  settling?: boolean;
  /** Fail on 1205 instead of waiting for the cooldown (in memory only: see OutboxAction). */
  failOnRateLimit?: boolean;
  /** When its current attempt's request went out. */
  startedAt?: number;
  waiters: Waiter[];
}

/** A new queue entry for `action`: its id and its ClientMsgId are fixed here, once. */
export function newEntry(action: OutboxAction, idem: string | undefined, persist: boolean, now: number, waiter: Waiter): Entry {
  return {
    id: randomUUID(),
    kind: action.kind,
    key: action.key,
    payload: action.payload,
    risky: action.risky === true,
    ...(idem !== undefined ? { idem } : {}),
    clientMsgId: newClientMsgId(now),
    createdAt: now,
    attempts: 0,
    persist,
    notBefore: 0,
    written: Promise.resolve(),
    waiters: [waiter],
    ...(action.failOnRateLimit === true ? { failOnRateLimit: true } : {}),
  };
}

import type { DelContactEntry, SyncKey, WireContact } from '@wxbot/wire-types';
import type { WireEntry } from '../messages/entry';
import type { Rng } from '../util/rng';

/** One change waiting in a session's log. */
export type SyncEvent =
  | { kind: 'msg'; entry: WireEntry }
  | { kind: 'mod'; contact: WireContact }
  | { kind: 'del'; entry: DelContactEntry }
  /** The account's own profile changed (webwxsync `Profile`, BitFlag 190). */
  | { kind: 'profile'; nickName: string; headImgUrl: string };

/**
 * A session's change log. The SyncKey a client presents encodes a position in
 * it (key 1 = base + position), so the server stays stateless about what was
 * delivered: replaying an old key yields the same events again, presenting
 * the newest key yields nothing. Other keys move along realistically
 * (counters for 2/3/11, epoch seconds for 201/1000/1001).
 */
export class SyncLog {
  private readonly events: SyncEvent[] = [];
  private readonly times: number[] = [];
  private readonly b1: number;
  private readonly b2: number;
  private readonly b3: number;
  private readonly b11: number;

  constructor(
    rng: Rng,
    private readonly loginTime: number,
  ) {
    this.b1 = rng.int(600000000, 700000000);
    this.b2 = this.b1 + rng.int(1, 50);
    this.b3 = this.b1 - rng.int(1, 100);
    this.b11 = this.b1 - rng.int(1000, 5000);
  }

  get head(): number {
    return this.events.length;
  }

  append(event: SyncEvent): void {
    this.events.push(event);
    this.times.push(Math.floor(Date.now() / 1000));
  }

  /** Events after `position`, at most `limit`. */
  since(position: number, limit: number): SyncEvent[] {
    return this.events.slice(position, position + limit);
  }

  /**
   * The key for `position`. The SyncCheckKey variant may differ from the
   * SyncKey (`diverge`), as after contact changes on the real server; a
   * client that synccheck's with the wrong one then sees selector 2 forever.
   */
  keyAt(position: number, diverge = false): SyncKey {
    const list = [
      { Key: 1, Val: this.b1 + position },
      { Key: 2, Val: this.b2 + position + (diverge ? 1 : 0) },
      { Key: 3, Val: this.b3 + position },
    ];
    if (position > 0) {
      list.push({ Key: 11, Val: this.b11 + position });
      list.push({ Key: 201, Val: this.times[position - 1] ?? this.loginTime });
    }
    list.push({ Key: 1000, Val: this.loginTime - 7200 });
    if (position > 0) list.push({ Key: 1001, Val: this.loginTime - 60 });
    return { Count: list.length, List: list };
  }

  /** Decodes a presented key (clamped to the log; unknown keys read as the start). */
  positionOf(key: ReadonlyArray<{ Key: number; Val: number }>): number {
    const k1 = key.find((k) => Number(k.Key) === 1);
    if (!k1) return 0;
    const position = Number(k1.Val) - this.b1;
    return Number.isFinite(position) ? Math.min(Math.max(position, 0), this.head) : 0;
  }
}

/** `1_698325105|2_698325111|…` as synccheck sends it. */
export function formatSyncKey(key: SyncKey): string {
  return key.List.map((k) => `${k.Key}_${k.Val}`).join('|');
}

export function parseSyncKeyParam(param: string): Array<{ Key: number; Val: number }> {
  return param
    .split('|')
    .map((pair) => pair.split('_'))
    .filter((parts) => parts.length === 2)
    .map(([k, v]) => ({ Key: Number(k), Val: Number(v) }));
}

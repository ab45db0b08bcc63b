import type { Logger } from 'pino';
import { unresolved } from '../contacts/contact-store';
import type { IdentityIndex, Resolution } from '../contacts/identity-index';
import type { UnresolvedItemEvent } from '../events/bot-events';
import type { ReliableOutbox } from '../outbox/reliable-outbox';
import type { Outbox, OutboxAction } from '../outbox/types';
import type { JournalEntry } from '../storage/journal';

/** What becomes of a queued action whose contact a new login could not find again. */
export type UnresolvedPolicy = 'keep' | 'fail';

type Missing = Exclude<Resolution, { userName: string }> & { userName: string };

/**
 * Every string of `value` (deeply) that is a UserName of an earlier session, replaced by the
 * contact's UserName of this one. Strings that are not UserNames the index knows (texts, paths,
 * literal ids) are left alone. Returns the new value (the same object when nothing changed) and
 * the UserNames that could not be re-addressed.
 */
export function rewriteUserNames(value: unknown, index: IdentityIndex, strict = true): { value: unknown; missing: Missing[] } {
  const missing: Missing[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = index.forward(v, strict);
      if (!r) return v;
      if ('userName' in r) return r.userName;
      if (!missing.some((m) => m.userName === v)) missing.push({ ...r, userName: v });
      return v;
    }
    if (Array.isArray(v)) {
      const out = v.map(walk);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (v && typeof v === 'object') {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        out[k] = walk(x);
        changed ||= out[k] !== x;
      }
      return changed ? out : v;
    }
    return v;
  };
  return { value: walk(value), missing };
}

/** A group message's sender prefix (`@id:<br/>`): the sender's UserName is re-addressed too. */
const PREFIX = /^(@[0-9a-f]+):<br\/>/;

export interface RetargetDeps {
  identities: IdentityIndex;
  log: Logger;
  policy: UnresolvedPolicy;
  report(event: UnresolvedItemEvent): void;
}

/**
 * The re-addressing of a new login (docs/identities.md): once the login's contacts are bound to
 * their stable ids, queued actions and journalled messages addressed with the earlier session's
 * UserNames get the new ones; what cannot be re-addressed is reported item by item (an
 * `unresolved` event and a log line) and kept or failed by the policy, never silently lost.
 */
export class Retargeter {
  constructor(private readonly d: RetargetDeps) {}

  /** Re-address the outbox's queued actions (after every bind; holds are released when found). */
  async queued(outbox: ReliableOutbox): Promise<void> {
    let moved = 0;
    await outbox.retarget((a) => {
      const key = this.d.identities.forward(a.key);
      const { value, missing } = rewriteUserNames(a.payload, this.d.identities);
      const lost = [...missing, ...(key && !('userName' in key) && !missing.some((m) => m.userName === a.key) ? [{ ...key, userName: a.key }] : [])];
      if (lost.length > 0) {
        const first = lost[0] as Missing;
        const outcome = this.d.policy === 'keep' ? 'kept' : 'failed';
        for (const m of lost) this.tell({ item: 'action', id: a.id, kind: a.kind, outcome, ...this.who(m) });
        return outcome === 'kept' ? 'hold' : unresolved(first.stableId ?? first.userName, first);
      }
      const newKey = key && 'userName' in key ? key.userName : a.key;
      if (newKey === a.key && value === a.payload) return undefined;
      moved += 1;
      return { key: newKey, payload: value };
    });
    if (moved > 0) this.d.log.info({ actions: moved }, 'queued actions re-addressed to the new login\'s UserNames');
  }

  /**
   * An Outbox whose submits are re-addressed first: a handler still working on a message of the
   * earlier session replies to its new UserName. A reply to a chat that cannot be found again
   * rejects with WXBOT_CONTACT_UNRESOLVED.
   */
  wrap(outbox: Outbox): Outbox {
    const identities = this.d.identities;
    return {
      register: (kind, executor) => outbox.register(kind, executor),
      resume: (ctx) => outbox.resume(ctx),
      pause: () => outbox.pause(),
      drain: (ms) => outbox.drain(ms),
      submit: <R>(action: OutboxAction): Promise<R> => {
        // No earlier session's UserName in play (a first login, a resumed one): nothing to walk.
        if (!identities.isBound || !identities.hasEarlierNames) return outbox.submit<R>(action);
        // Not strict: an unknown UserName now is of this session (a stranger, a group member).
        const key = identities.forward(action.key, false);
        const { value, missing } = rewriteUserNames(action.payload, identities, false);
        const lost = missing[0] ?? (key && !('userName' in key) ? { ...key, userName: action.key } : undefined);
        if (lost) return Promise.reject(unresolved(lost.stableId ?? lost.userName, lost));
        const newKey = key && 'userName' in key ? key.userName : action.key;
        return outbox.submit<R>(newKey === action.key && value === action.payload ? action : { ...action, key: newKey, payload: value });
      },
    };
  }

  /**
   * Journalled messages of an earlier session, re-addressed (chat, sender prefix, any UserName
   * field); those whose chat cannot be found again are returned in `lost` (and reported).
   */
  messages(backlog: readonly JournalEntry[]): { entries: JournalEntry[]; lost: string[] } {
    const entries: JournalEntry[] = [];
    const lost: string[] = [];
    for (const e of backlog) {
      const prefix = PREFIX.exec(String(e.wire.Content ?? ''));
      const { value, missing } = rewriteUserNames(e.wire, this.d.identities);
      const wire = value as JournalEntry['wire'];
      const chat = missing.find((m) => m.userName === e.wire.FromUserName || m.userName === e.wire.ToUserName);
      if (chat) {
        lost.push(e.id);
        this.tell({ item: 'message', id: e.id, outcome: 'dropped', ...this.who(chat) });
        continue;
      }
      const sender = prefix ? this.d.identities.forward(prefix[1] as string) : undefined;
      const content = sender && 'userName' in sender ? String(wire.Content).replace(PREFIX, `${sender.userName}:<br/>`) : wire.Content;
      entries.push({ ...e, wire: { ...wire, Content: content } });
    }
    return { entries, lost };
  }

  private who(m: Missing): Pick<UnresolvedItemEvent, 'userName' | 'reason' | 'stableId' | 'name'> {
    return { userName: m.userName, reason: m.reason, ...(m.stableId ? { stableId: m.stableId } : {}), ...(m.name ? { name: m.name } : {}) };
  }

  private tell(event: UnresolvedItemEvent): void {
    const what = event.item === 'action' ? `queued ${event.kind ?? 'action'}` : 'journalled message';
    const to = event.name ? `"${event.name}" (${event.stableId ?? event.userName})` : (event.stableId ?? event.userName);
    this.d.log.warn({ ...event }, `${what} ${event.id}: its contact ${to} is not found after the new login (${event.reason}); ${event.outcome}`);
    this.d.report(event);
  }
}

import type { SessionContext, SyncResponse, WireMessage } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import { isGroupUserName } from '../contacts/classify';
import { splitGroupPrefix } from '../message/group-prefix';
import type { DedupeWindow } from '../message/dedupe-window';
import { parseMessage } from '../message/parse-message';
import { parseStatus } from '../message/parse-status';
import { pairStatusLists } from '../contacts/identity-match';
import { decodeText } from '../util/decode-text';
import { MsgType } from '../message/message-kind';
import { normaliseWire } from '../message/normalise-wire';
import type { Message } from '../message/types';
import { fetchByUserName } from '../session/contact-loader';
import { changeEvents, type ChangeEvent } from '../events/change-events';
import { parseSystemNotice, type SystemNotice } from '../events/system-text';
import type { Contact, Group } from '../contacts/types';

/** What one webwxsync response brings, once applied to the contact store and the dedupe window. */
export interface AppliedBatch {
  /** The batch's new messages (normalised, not seen before), in server order. */
  readonly fresh: readonly WireMessage[];
  /** Group, friendship and contact changes derived from this batch (each once). */
  readonly changes: readonly ChangeEvent[];
}

/**
 * Apply one webwxsync response in the official order: Profile, DelContactList, ModContactList,
 * then AddMsgList (normalised at this boundary, so parsers see well-typed entries, and deduped
 * by MsgId). Changes the store and the window; returns the new messages and the change events.
 */
export function applyBatch(res: SyncResponse, store: ContactStore, dedupe: DedupeWindow, log: Logger): AppliedBatch {
  const touched = [...(res.DelContactList ?? []), ...(res.ModContactList ?? [])].map((c) => c?.UserName).filter((id): id is string => typeof id === 'string');
  const groupsBefore = new Map<string, Group | undefined>();
  const contactsBefore = new Map<string, Contact | undefined>();
  for (const id of touched) {
    if (isGroupUserName(id)) groupsBefore.set(id, store.group(id));
    else contactsBefore.set(id, store.contact(id));
  }
  if (store.applyProfile(res.Profile)) log.info({ name: store.self.name }, 'own profile changed');
  for (const del of res.DelContactList ?? []) store.remove(del.UserName);
  store.upsertMany(res.ModContactList ?? []);

  const fresh = (res.AddMsgList ?? []).flatMap((m) => normaliseWire(m) ?? []).filter((m) => dedupe.add(m.MsgId));
  learnStableIds(fresh, store, log);
  if (groupsBefore.size === 0 && contactsBefore.size === 0) return { fresh, changes: [] };
  const changes = changeEvents({
    selfId: store.self.id,
    groupsBefore,
    contactsBefore,
    groupAfter: (id) => store.group(id),
    contactAfter: (id) => store.contact(id),
    notices: systemNotices(fresh, store.self.id),
  });
  return { fresh, changes };
}

/**
 * The MsgType 51 / StatusNotifyCode 4 list pairs session UserNames with permanent ids
 * (docs/protocol.md 7.5): the identity index confirms or corrects its bindings with it.
 */
function learnStableIds(fresh: readonly WireMessage[], store: ContactStore, log: Logger): void {
  const index = store.identities;
  if (!index) return;
  for (const m of fresh) {
    if (m.MsgType !== MsgType.STATUS_NOTIFY || m.StatusNotifyCode !== 4) continue;
    try {
      const status = parseStatus(decodeText(m.Content), m);
      const { pairs, skipped } = pairStatusLists(status.userNames ?? [], status.stableIds ?? []);
      const moved = index.learn(pairs);
      if (skipped > 0) log.warn({ userNames: status.userNames.length, stableIds: status.stableIds?.length ?? 0, skipped }, 'the MsgType 51 lists differ in length: only literal ids paired');
      if (moved > 0) log.info({ moved }, 'permanent ids corrected contacts matched by fingerprint');
    } catch (err) {
      log.warn({ err: (err as Error).message, msgId: m.MsgId }, 'unreadable MsgType 51 list; stable ids not updated');
    }
  }
}

/** The outcome of reading wire messages: the parsed ones, and the ids that could not be parsed. */
export interface ReadMessages {
  readonly messages: readonly Message[];
  readonly unparsable: readonly string[];
}

/**
 * Wire entries (from a batch or the journal) to typed messages: groups the store does not know
 * yet (or whose sender it does not know) are fetched first, so names resolve; an entry that
 * cannot be parsed is logged and reported by id, never thrown.
 */
export async function readMessages(wires: readonly unknown[], ctx: SessionContext, store: ContactStore, log: Logger): Promise<ReadMessages> {
  const entries = wires.flatMap((w) => normaliseWire(w) ?? []);
  const selfId = store.self.id;
  const missing = unresolvedGroups(entries, store, selfId);
  if (missing.length > 0) {
    try {
      await fetchByUserName(ctx, store, missing);
    } catch (err) {
      // Messages still flow with unresolved names rather than being lost.
      log.warn({ err: (err as Error).message, groups: missing.length }, 'could not fetch unknown groups; senders stay unresolved');
    }
  }
  const messages: Message[] = [];
  const unparsable: string[] = [];
  for (const wire of entries) {
    try {
      messages.push(parseMessage(wire, { selfId, contacts: store }));
    } catch (err) {
      log.error({ err, msgId: wire.MsgId }, 'could not parse a message; skipped');
      unparsable.push(wire.MsgId);
    }
  }
  return { messages, unparsable };
}

/** Groups these entries talk about that we cannot resolve yet (unknown group, or unknown sender). */
function unresolvedGroups(entries: readonly WireMessage[], store: ContactStore, selfId: string): string[] {
  const ids = new Set<string>();
  for (const m of entries) {
    const chat = m.FromUserName === selfId ? m.ToUserName : m.FromUserName;
    if (!isGroupUserName(chat)) continue;
    const group = store.group(chat);
    if (!group) {
      ids.add(chat);
      continue;
    }
    const sender = m.FromUserName === selfId ? undefined : splitGroupPrefix(m.Content ?? '').senderId;
    if (sender && !group.member(sender)) ids.add(chat);
  }
  return [...ids];
}

/** The group notices among this batch's 10000 lines (they carry no sender prefix). */
function systemNotices(entries: readonly WireMessage[], selfId: string): Array<{ roomId: string; notice: SystemNotice }> {
  const out: Array<{ roomId: string; notice: SystemNotice }> = [];
  for (const m of entries) {
    if (m.MsgType !== MsgType.SYS) continue;
    const roomId = m.FromUserName === selfId ? m.ToUserName : m.FromUserName;
    if (!isGroupUserName(roomId)) continue;
    const notice = parseSystemNotice(decodeText(m.Content));
    if (notice) out.push({ roomId, notice });
  }
  return out;
}

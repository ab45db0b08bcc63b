import type { SessionContext, SyncResponse, WireMessage } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import { isGroupUserName } from '../contacts/classify';
import { splitGroupPrefix } from '../message/group-prefix';
import type { DedupeWindow } from '../message/dedupe-window';
import { parseMessage } from '../message/parse-message';
import { decodeText } from '../message/decode-text';
import { MsgType } from '../message/message-kind';
import { normaliseWire } from '../message/normalise-wire';
import type { Message } from '../message/types';
import { fetchByUserName } from '../session/contact-loader';
import { changeEvents, type ChangeEvent } from '../events/change-events';
import { parseSystemNotice, type SystemNotice } from '../events/system-text';
import type { Contact, Group } from '../contacts/types';

/**
 * Hand a message over for handling. The batch does not wait for it: by then the message is
 * journalled and the sync keys saved, so handling may outlive the batch (the Bot keeps the
 * per-chat order) while the loop polls again.
 */
export type ScheduleMessage = (message: Message) => void;

export interface BatchHandlerDeps {
  store: ContactStore;
  dedupe: DedupeWindow;
  log: Logger;
  ctx(): SessionContext;
  emitMessage(message: Message): void;
  /** Whether anyone listens to emitted messages; when not, messages that are not handled are not even parsed. */
  observed?(): boolean;
  /**
   * Whether a message goes to the plugins. The bot's own messages (the server echoes every
   * send back) do not unless a plugin asked for them: they are then neither journalled nor
   * scheduled, only emitted. Default: every message.
   */
  dispatches?(wire: WireMessage): boolean;
  /**
   * Called with the batch's new messages (after dedupe; `toHandle` are those that go to the
   * plugins) before any is handled; the Bot journals `toHandle` and saves the sync keys with
   * every new id here (docs/reliability.md).
   */
  received?(fresh: readonly WireMessage[], toHandle: readonly WireMessage[]): Promise<void>;
  /** Group, friendship and contact changes derived from this batch (each once). */
  emitChange(change: ChangeEvent): void;
  schedule: ScheduleMessage;
  /** A journalled message that could not be parsed (it will never be handled). */
  unparsable?(msgId: string): void;
}

/** Groups this batch talks about that we cannot resolve yet (unknown group, or unknown sender). */
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

/**
 * Apply one webwxsync response in the official order: Profile, DelContactList,
 * ModContactList, then AddMsgList. Each new message is scheduled once (dedupe by MsgId).
 * Resolves once the batch's messages are journalled and scheduled, not when they are handled:
 * a handler waiting on a reply (rate limits, a re-login) must never stop the loop from polling.
 */
export async function handleBatch(res: SyncResponse, deps: BatchHandlerDeps): Promise<void> {
  const { store, log } = deps;
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

  // Entries are normalised at this boundary (wrongly typed fields -> '' / 0), so parsers see well-typed input.
  const fresh = (res.AddMsgList ?? []).flatMap((m) => normaliseWire(m) ?? []).filter((m) => deps.dedupe.add(m.MsgId));
  // Change events fire now, with the store just updated, before anything in this batch awaits.
  emitChanges(deps, groupsBefore, contactsBefore, systemNotices(fresh, store.self.id));
  if (fresh.length === 0) return;
  const dispatches = deps.dispatches;
  const toHandle = dispatches ? fresh.filter((m) => dispatches(m)) : fresh;
  await deps.received?.(fresh, toHandle);

  // Messages nobody will see (own echoes, with no includeSelf plugin and no 'message' listener)
  // are not parsed: in an echo bot they are every other message.
  const seen = deps.observed === undefined || deps.observed() ? fresh : toHandle;
  if (seen.length === 0) return;
  const selfId = store.self.id;
  const missing = unresolvedGroups(seen, store, selfId);
  if (missing.length > 0) {
    try {
      await fetchByUserName(deps.ctx(), store, missing);
    } catch (err) {
      // Messages still flow with unresolved names rather than being lost.
      log.warn({ err: (err as Error).message, groups: missing.length }, 'could not fetch unknown groups; senders stay unresolved');
    }
  }

  const handled = new Set(toHandle);
  const messages: Array<{ message: Message; handle: boolean }> = [];
  for (const wire of seen) {
    try {
      messages.push({ message: parseMessage(wire, { selfId, contacts: store }), handle: handled.has(wire) });
    } catch (err) {
      log.error({ err, msgId: wire.MsgId }, 'could not parse a message; skipped');
      // Journalled but never scheduled: mark it done, or every restart would try it again.
      if (handled.has(wire)) deps.unparsable?.(wire.MsgId);
    }
  }
  for (const { message, handle } of messages) {
    deps.emitMessage(message);
    if (handle) deps.schedule(message);
  }
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

function emitChanges(deps: BatchHandlerDeps, groupsBefore: Map<string, Group | undefined>, contactsBefore: Map<string, Contact | undefined>, notices: Array<{ roomId: string; notice: SystemNotice }>): void {
  if (groupsBefore.size === 0 && contactsBefore.size === 0) return;
  const events = changeEvents({
    selfId: deps.store.self.id,
    groupsBefore,
    contactsBefore,
    groupAfter: (id) => deps.store.group(id),
    contactAfter: (id) => deps.store.contact(id),
    notices,
  });
  for (const change of events) {
    try {
      deps.emitChange(change);
    } catch (err) {
      deps.log.error({ err, event: change.name }, 'an event listener threw');
    }
  }
}

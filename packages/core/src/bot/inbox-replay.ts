import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import { normaliseWire } from '../message/normalise-wire';
import { parseMessage } from '../message/parse-message';
import type { InboxJournal, JournalEntry } from '../storage/journal';
import type { LoginMethod } from './bot-events';
import type { Message } from '../message/types';
import type { DedupeWindow } from '../message/dedupe-window';

export interface ReplayDeps {
  store: ContactStore;
  journal: InboxJournal;
  log: Logger;
  handle: (message: Message) => Promise<void>;
  dedupe: DedupeWindow;
  /** Save these ids into the durable dedupe window (with the session). */
  persist: (ids: readonly string[]) => Promise<void>;
}

/**
 * Handle the messages a previous run received but did not finish (its inbox journal), before
 * the first new batch: per chat in order, chats concurrently. Only after a resumed session:
 * a new login changes every UserName, so the old messages' chats and senders no longer exist;
 * then they are dropped with a warning. Their 'message' events are not emitted again.
 */
export async function replayBacklog(backlog: readonly JournalEntry[], method: LoginMethod | undefined, deps: ReplayDeps): Promise<void> {
  if (backlog.length === 0) return;
  const ids = backlog.map((e) => e.id);
  if (method !== 'resume') {
    deps.log.warn({ messages: backlog.length, method }, 'messages received before the restart were not handled and are dropped: the new login changed every UserName');
    await deps.journal.complete(ids);
    return;
  }
  deps.log.info({ messages: backlog.length }, 'handling messages received but not handled before the restart');
  // Into the durable dedupe window first: if the crash came before the batch's keys were
  // saved, the server delivers these again, and they must be recognised as seen, not answered
  // twice (their reply outcomes are forgotten once they are handled).
  for (const id of ids) deps.dedupe.add(id);
  await deps.persist(ids);
  const chains = new Map<string, Promise<void>>();
  for (const entry of backlog) {
    let message;
    try {
      const wire = normaliseWire(entry.wire);
      if (!wire) throw new Error('journal entry without a MsgId');
      message = parseMessage(wire, { selfId: deps.store.self.id, contacts: deps.store });
    } catch (err) {
      deps.log.error({ err, msgId: entry.id }, 'could not parse a journalled message; skipped');
      continue;
    }
    const m = message;
    const prev = chains.get(m.chat.id) ?? Promise.resolve();
    chains.set(m.chat.id, prev.then(() => deps.handle(m)).catch((err: unknown) => deps.log.error({ err, msgId: m.id }, 'message handling failed')));
  }
  await Promise.all(chains.values());
  await deps.journal.complete(ids);
}

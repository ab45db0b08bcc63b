import type { SyncResponse, SyncState } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import { RECENT_ID_CAPACITY } from '../limits';
import { DedupeWindow } from '../message/dedupe-window';
import type { InboxJournal, JournalEntry } from '../storage/journal';
import { applyBatch, readMessages } from './batch-handler';
import type { LoginMethod } from '../events/bot-events';
import type { EventHub } from './event-hub';
import type { MessageRunner } from './message-runner';
import type { SendReconciler } from './send-reconciler';
import type { SessionSaver, SessionView } from './session-saver';

export interface ReceiverDeps {
  contacts: ContactStore;
  journal: InboxJournal;
  saver: SessionSaver;
  runner: MessageRunner;
  events: EventHub;
  log: Logger;
  /** Some plugin asked for the bot's own messages (includeSelf). */
  wantsSelf(): boolean;
  /** Settles sends with an unknown outcome from the account's own echoes. */
  reconciler: SendReconciler;
  /** Hears every webwxsync answer once it is applied and read (`BotOptions.tap`: `wxbot record`). */
  tap?: ((res: SyncResponse) => void) | undefined;
  /** Re-addresses an earlier session's journalled messages after a new login (bot/retarget.ts). */
  retarget?(backlog: readonly JournalEntry[]): { entries: JournalEntry[]; lost: string[] };
}

/**
 * The receive path of one batch, in a straight line: apply it (contacts, dedupe), emit the
 * changes, journal the messages and save the keys together, read (parse) the messages, emit
 * them and schedule those the plugins handle. Also replays the journal through the same path.
 */
export class Receiver {
  /** MsgIds seen recently: a message delivered again is recognised and skipped. */
  private dedupe = new DedupeWindow(RECENT_ID_CAPACITY);

  constructor(private readonly d: ReceiverDeps) {}

  /** Ids to recognise after a restart: the saved window and the journal's pending messages. */
  restore(ids: readonly string[]): void {
    this.dedupe = new DedupeWindow(RECENT_ID_CAPACITY, ids);
  }

  /** Back-pressure: the sync loop fetches the next batch once this resolves (MessageRunner.room). */
  ready(): Promise<void> | undefined {
    return this.d.runner.room();
  }

  handledIds(): string[] {
    return this.dedupe.toArray();
  }

  async receive(view: SessionView, res: SyncResponse, next: SyncState): Promise<void> {
    const { contacts, events } = this.d;
    const batch = applyBatch(res, contacts, this.dedupe, this.d.log);
    // Change events fire now, with the store just updated, before anything in this batch awaits.
    for (const change of batch.changes) events.change(change);
    // The bot's own messages (the server echoes every send) go to the plugins only if one asked.
    const selfId = contacts.self.id;
    const wantsSelf = this.d.wantsSelf();
    const toHandle = batch.fresh.filter((m) => wantsSelf || (m.FromUserName !== selfId && m.FromUserName !== ''));
    // Echoes of our own sends first: what they record must be stored before the batch's keys.
    this.d.reconciler.observe(batch.fresh.filter((m) => m.FromUserName === selfId));
    await this.d.saver.saveBatch(view, toHandle, batch.fresh.map((m) => m.MsgId), next);
    // Messages nobody will see (own echoes with no includeSelf plugin and no 'message' listener)
    // are not parsed: in an echo bot they are every other message.
    const seen = events.observed ? batch.fresh : toHandle;
    if (seen.length === 0) return this.d.tap?.(res);
    const { messages, unparsable } = await readMessages(seen, view.session.ctx, contacts, this.d.log);
    // After the read: groups it fetched are in the store for the tap to see.
    this.d.tap?.(res);
    const handled = new Set(toHandle.map((m) => m.MsgId));
    // Journalled but never to be handled: mark them done, or every restart would try them again.
    const dead = unparsable.filter((id) => handled.has(id));
    if (dead.length > 0) void this.d.journal.complete(dead);
    for (const m of messages) {
      events.message(m);
      if (handled.has(m.id)) this.d.runner.schedule(m);
    }
  }

  /**
   * Handle what a previous run received but did not finish (its journal), through the same
   * scheduler, before the first new batch is fetched. After a new login (every UserName changed)
   * they are re-addressed through the stable ids first (`retarget`); without it they are dropped
   * with a warning. Their 'message' events are not emitted again.
   */
  async replay(view: SessionView, backlog: readonly JournalEntry[], method: LoginMethod | undefined): Promise<void> {
    if (backlog.length === 0) return;
    if (method !== 'resume' && this.d.retarget) {
      const { entries, lost } = this.d.retarget(backlog);
      if (lost.length > 0) await this.d.journal.complete(lost);
      this.d.log.info({ messages: entries.length, lost: lost.length }, 'messages received before the new login re-addressed to its UserNames');
      backlog = entries;
    } else if (method !== 'resume') {
      this.d.log.warn({ messages: backlog.length, method }, 'messages received before the restart were not handled and are dropped: the new login changed every UserName');
      await this.d.journal.complete(backlog.map((e) => e.id));
      return;
    }
    const ids = backlog.map((e) => e.id);
    this.d.log.info({ messages: backlog.length }, 'handling messages received but not handled before the restart');
    // Into the durable dedupe window first: if the crash came before the batch's keys were
    // saved, the server delivers these again, and they must be recognised, not answered twice.
    for (const id of ids) this.dedupe.add(id);
    await this.d.saver.saveIds(view, ids);
    const { messages } = await readMessages(backlog.map((e) => e.wire), view.session.ctx, this.d.contacts, this.d.log);
    const parsed = new Set(messages.map((m) => m.id));
    const dead = ids.filter((id) => !parsed.has(id));
    if (dead.length > 0) void this.d.journal.complete(dead);
    for (const m of messages) this.d.runner.schedule(m);
  }
}

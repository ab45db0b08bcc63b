import { OUTBOX_SECTION, replayOutbox, type OutboxState } from '../outbox/outbox-store';
import { INBOX_SECTION, replayInbox, type JournalEntry } from '../storage/journal';
import { SESSION_SECTION, replaySession, type SavedSession } from '../storage/session-store';
import { readStateLog } from '../storage/state-log';

/** What a bot's state log holds, rebuilt from its records. */
export interface SavedState {
  /** The session a restart would resume, if any. Secret. */
  session: SavedSession | undefined;
  /** Messages received but not yet handled. */
  inbox: JournalEntry[];
  /** Queued actions, remembered outcomes, breakers and cap counters. */
  outbox: OutboxState;
}

/**
 * Read a state log (`<home>/state.log`) without writing to it: for tools and tests that
 * inspect what a bot would resume with.
 */
export async function readSavedState(file: string): Promise<SavedState> {
  const records = await readStateLog(file);
  return {
    session: replaySession(records.get(SESSION_SECTION)),
    inbox: replayInbox(records.get(INBOX_SECTION)),
    outbox: replayOutbox(records.get(OUTBOX_SECTION)),
  };
}

import type { SimCore } from '../core';
import type { Session } from '../session/session';
import { makeEntry, type WireEntry } from './entry';
import { toWireText } from './text';

/** Stores an entry by MsgId (duplicates, recalls, media) and queues it for webwxsync. */
export function publishEntry(core: SimCore, session: Session, entry: WireEntry): WireEntry {
  session.messages.set(entry.MsgId, entry);
  core.publish(session, { kind: 'msg', entry });
  return entry;
}

/**
 * Queues a 10000 system line from `fromUserName` (a group: no sender prefix)
 * to the account. Status 4 marks notices such as "你已添加了…".
 */
export function publishSystemLine(core: SimCore, session: Session, fromUserName: string, text: string, status = 3): WireEntry {
  const entry = makeEntry(core.rng.msgId(), { FromUserName: fromUserName, ToUserName: session.directory.selfUserName, MsgType: 10000, Content: toWireText(text), Status: status });
  return publishEntry(core, session, entry);
}

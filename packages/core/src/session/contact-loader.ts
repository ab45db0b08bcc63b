import { BATCH_GET_CONTACT_MAX, batchGetContact, getContactPage, type SessionContext } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { ContactStore } from '../contacts/contact-store';
import type { ContactProgress } from '../contacts/types';

export type { ContactProgress } from '../contacts/types';

/**
 * webwxgetcontact page by page (seq 0 until Seq 0), guarding against a Seq that does not
 * advance, into the store. Returns the number of entries loaded.
 */
export async function loadAllContacts(ctx: SessionContext, store: ContactStore, log: Logger, onProgress: (p: ContactProgress) => void, signal?: AbortSignal): Promise<number> {
  let seq = 0;
  let loaded = 0;
  const seen = new Set<number>();
  for (;;) {
    const page = await getContactPage(ctx, seq, signal);
    store.upsertMany(page.MemberList);
    loaded += page.MemberList.length;
    onProgress({ phase: 'contacts', done: loaded });
    if (page.Seq === 0) return loaded;
    if (seen.has(page.Seq) || page.Seq === seq) {
      log.warn({ seq: page.Seq }, 'webwxgetcontact returned a Seq it returned before; stopping paging');
      return loaded;
    }
    seen.add(page.Seq);
    seq = page.Seq;
  }
}

/**
 * Fetch groups (with their members) or contacts by UserName, 50 per webwxbatchgetcontact
 * call, into the store.
 */
export async function fetchByUserName(ctx: SessionContext, store: ContactStore, ids: readonly string[], onProgress?: (p: ContactProgress) => void, signal?: AbortSignal): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH_GET_CONTACT_MAX) {
    const chunk = ids.slice(i, i + BATCH_GET_CONTACT_MAX);
    const res = await batchGetContact(ctx, chunk.map((UserName) => ({ UserName, EncryChatRoomId: '' })), signal);
    store.upsertMany(res.ContactList);
    onProgress?.({ phase: 'members', done: Math.min(i + chunk.length, ids.length), total: ids.length });
  }
}

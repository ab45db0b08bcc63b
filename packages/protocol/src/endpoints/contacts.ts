import type { BatchGetContactRequestItem, BatchGetContactResponse, GetContactResponse } from '@wxbot/wire-types';
import { ProtocolError } from '../errors';
import { negatedNow } from '../ids';
import { allOf, has, parseJsonBody } from '../parse/json-body';
import { lang, mainUrl, postMain, refererHeaders, type SessionContext } from '../session-context';

/** The server's limit for one webwxbatchgetcontact call. */
export const BATCH_GET_CONTACT_MAX = 50;

/**
 * One page of webwxgetcontact. Start with seq 0; while the returned `Seq` is non-zero, ask
 * again with it (the caller loops and guards against a Seq that does not advance).
 */
export async function getContactPage(ctx: SessionContext, seq: number, signal?: AbortSignal): Promise<GetContactResponse> {
  const res = await ctx.http.request({
    endpoint: 'webwxgetcontact',
    method: 'GET',
    url: mainUrl(ctx, 'webwxgetcontact'),
    query: { skey: ctx.credentials.skey, pass_ticket: ctx.credentials.passTicket, seq, r: Date.now(), lang: lang(ctx) },
    headers: refererHeaders(ctx),
    signal,
    timeoutMs: 60_000,
  });
  return parseJsonBody<GetContactResponse>('webwxgetcontact', res.text, allOf((o) => has.array(o, 'MemberList'), (o) => has.number(o, 'Seq')));
}

/** webwxbatchgetcontact for at most 50 UserNames (groups come back with their MemberList). */
export async function batchGetContact(ctx: SessionContext, items: readonly BatchGetContactRequestItem[], signal?: AbortSignal): Promise<BatchGetContactResponse> {
  if (items.length === 0 || items.length > BATCH_GET_CONTACT_MAX) {
    throw new ProtocolError('WEBWX_BAD_ARGUMENT', 'webwxbatchgetcontact', `needs 1 to ${BATCH_GET_CONTACT_MAX} items per call, got ${items.length}; split the list`);
  }
  const text = await postMain(ctx, 'webwxbatchgetcontact', {
    query: { type: 'ex', r: negatedNow() },
    body: {
      Count: items.length,
      List: items.map((i) => ({ UserName: i.UserName, EncryChatRoomId: i.EncryChatRoomId ?? '' })),
    },
    signal,
  });
  return parseJsonBody<BatchGetContactResponse>('webwxbatchgetcontact', text, (o) => has.array(o, 'ContactList'));
}

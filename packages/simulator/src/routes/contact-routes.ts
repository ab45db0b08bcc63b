import type { WireContact } from '@wxbot/wire-types';
import type { Group, Person } from '../contacts/address-book';
import { groupContact, personContact } from '../contacts/wire-contact';
import { wireJson } from '../util/response';
import { baseResponse, jsonApi } from './json-api';

/** batchgetcontact takes at most 50 entries (docs/protocol.md 5.4). */
export const BATCH_LIMIT = 50;

/**
 * `GET|POST /cgi-bin/mmwebwx-bin/webwxgetcontact?seq=N` (docs/protocol.md 5.3):
 * pages of `contactPageSize`; `Seq` is the cursor of the next page, 0 on the
 * last. `MemberCount` counts this page's entries [UNSURE: some read it as the total].
 */
export const webwxgetcontact = jsonApi({
  needBaseRequest: false,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), Seq: 0, MemberCount: 0, MemberList: [] }),
  handle: (core, ctx, session) => {
    const listed = core.book.listed();
    const start = Math.max(0, Number.parseInt(ctx.query.get('seq') ?? '0', 10) || 0);
    const end = Math.min(listed.length, start + core.options.contactPageSize);
    const dir = session.directory;
    const page: WireContact[] = [];
    for (let i = start; i < end; i++) {
      const ref = listed[i];
      if (!ref) continue;
      page.push(
        ref.type === 'group'
          ? groupContact(dir, core.book.groups[ref.index] as Group, session.skey, 'list', session.uin)
          : personContact(dir, core.book.people[ref.index] as Person, session.skey),
      );
    }
    return wireJson({ BaseResponse: baseResponse(), Seq: end < listed.length ? end : 0, MemberCount: page.length, MemberList: page });
  },
});

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxbatchgetcontact?type=ex` (docs/protocol.md 5.4):
 * groups come back with full MemberList and EncryChatRoomId; users (also
 * strangers, with or without a room id) with their profile; unknown
 * UserNames are silently omitted. More than 50 entries → `Ret 1`
 * [UNSURE: the exact code; 1 is the documented "parameter error"].
 */
export const webwxbatchgetcontact = jsonApi({
  needBaseRequest: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), Count: 0, ContactList: [] }),
  handle: (core, _ctx, session, body) => {
    const list = Array.isArray(body['List']) ? (body['List'] as unknown[]) : [];
    if (list.length > BATCH_LIMIT) return wireJson({ BaseResponse: baseResponse(1), Count: 0, ContactList: [] });
    const dir = session.directory;
    const contacts: WireContact[] = [];
    for (const item of list) {
      const userName = (item as Record<string, unknown> | null)?.['UserName'];
      if (typeof userName !== 'string') continue;
      const ref = dir.resolve(userName);
      if (!ref) continue;
      contacts.push(
        ref.type === 'group'
          ? groupContact(dir, core.book.groups[ref.index] as Group, '', 'full', session.uin)
          : personContact(dir, core.book.people[ref.index] as Person, ''),
      );
    }
    return wireJson({ BaseResponse: baseResponse(), Count: contacts.length, ContactList: contacts });
  },
});

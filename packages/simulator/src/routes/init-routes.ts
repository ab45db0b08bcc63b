import type { Group, Person } from '../contacts/address-book';
import { groupContact, personContact, selfUser } from '../contacts/wire-contact';
import { conversationList } from '../messages/inject';
import { wireJson, wireJsonCompact } from '../util/response';
import { baseResponse, jsonApi } from './json-api';

const emptyKey = { Count: 0, List: [] };

/** `POST /cgi-bin/mmwebwx-bin/webwxinit` (docs/protocol.md 5.1). */
export const webwxinit = jsonApi({
  needBaseRequest: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), Count: 0, ContactList: [], SyncKey: emptyKey, User: {}, ChatSet: '', SKey: '', ClientVersion: 0, SystemTime: 0, GrayScale: 0, InviteStartCount: 0, MPSubscribeMsgCount: 0, MPSubscribeMsgList: [], ClickReportInterval: 0 }),
  handle: (core, _ctx, session) => {
    const dir = session.directory;
    const book = core.book;
    const contacts = book.recent.map((ref) =>
      ref.type === 'group'
        ? groupContact(dir, book.groups[ref.index] as Group, session.skey, 'stub', session.uin)
        : personContact(dir, book.people[ref.index] as Person, session.skey),
    );
    // ChatSet: filehelper first, duplicates and a trailing comma, as captured.
    const names = contacts.map((c) => c.UserName);
    const chatSet = `filehelper,${names.join(',')},${names[0] ?? 'filehelper'},`;
    const now = Math.floor(Date.now() / 1000);
    const mps = book.people.filter((p) => p.kind === 'mp').slice(0, 2);
    return wireJson({
      BaseResponse: baseResponse(),
      Count: contacts.length,
      ContactList: contacts,
      SyncKey: session.log.keyAt(0),
      User: selfUser(dir, session.uin, session.skey),
      ChatSet: chatSet,
      SKey: session.skey,
      ClientVersion: 385876258,
      SystemTime: now,
      GrayScale: 1,
      InviteStartCount: 40,
      MPSubscribeMsgCount: mps.length,
      MPSubscribeMsgList: mps.map((mp, i) => ({
        UserName: dir.personUserName(mp),
        MPArticleCount: 1,
        MPArticleList: [
          {
            Title: `${mp.nickName} weekly issue ${i + 1}`,
            Digest: mp.signature,
            Cover: `http://mmbiz.qpic.cn/mmbiz_jpg/${core.rng.base64(40).replace(/[+/]/g, 'x')}/300?wxtype=jpeg&wxfrom=0`,
            Url: `http://mp.weixin.qq.com/s?__biz=${core.rng.base64(12)}==&mid=${core.rng.digits(10)}&idx=1&sn=${core.rng.hex(32)}&scene=0#rd`,
          },
        ],
        Time: now - 3600 * (i + 1),
        NickName: mp.nickName,
      })),
      ClickReportInterval: 600000,
    });
  },
});

/**
 * `POST /cgi-bin/mmwebwx-bin/webwxstatusnotify` (docs/protocol.md 5.2). Code 3
 * queues the MsgType 51 / StatusNotifyCode 4 conversation list for the next
 * webwxsync; other codes (1 read, …) are accepted with no visible effect.
 */
export const webwxstatusnotify = jsonApi({
  needBaseRequest: true,
  compact: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), MsgID: '' }),
  handle: (core, _ctx, session, body) => {
    if (Number(body['Code']) === 3) {
      session.statusNotified = true;
      const entry = conversationList(core, session);
      session.messages.set(entry.MsgId, entry);
      core.publish(session, { kind: 'msg', entry });
    }
    return wireJsonCompact({ BaseResponse: baseResponse(), MsgID: core.rng.msgId() });
  },
});

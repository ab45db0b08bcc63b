import type { Handler, RequestContext } from '../routes/context';
import { errorPage, type SimResponse } from '../util/response';
import { bufferBody, EMPTY_BODY, sliceBody, type MediaBody } from './media-body';
import { mediaSession, param, sameTicket } from './media-auth';
import { sampleJpeg } from './samples';

// [UNSURE] what the real server answers without a session or for unknown ids; a 403/404
// nginx page keeps such client bugs visible instead of looking like an empty file.
const NO_SESSION = (): SimResponse => errorPage(403);
const NOT_FOUND = (): SimResponse => errorPage(404);

function binary(body: MediaBody, contentType: string, extra: Record<string, string> = {}, status = 200): SimResponse {
  return { status, headers: { 'Content-Type': contentType, ...extra }, body };
}

/** A `ret` fault on a download: the usual headers with no bytes (how failed media look in the wild). */
const forcedEmpty = (ctx: RequestContext): boolean => ctx.forced?.type === 'ret';

/**
 * `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxgetmsgimg?MsgID=…&skey=…[&type=slave|big]`
 * (docs/protocol.md 8.1; `msgid` also accepted). Always `image/jpeg`, even for the
 * GIF bytes of emoticons (edge 25). `type=slave` is the thumbnail; videos and
 * link cards only have a thumbnail (their poster); store stickers give 0 bytes.
 */
export const webwxgetmsgimg: Handler = (core, ctx) => {
  if (!mediaSession(core, ctx)) return NO_SESSION();
  const media = core.media.message(param(ctx, 'MsgID') ?? '');
  if (!media) return NOT_FOUND();
  const fullImage = media.kind === 'image' || media.kind === 'emoticon';
  const body = fullImage && param(ctx, 'type') !== 'slave' ? media.full : (media.thumb ?? media.full);
  if (!body) return NOT_FOUND();
  const empty = forcedEmpty(ctx) || (media.kind === 'emoticon' && media.empty);
  return binary(empty ? EMPTY_BODY : body, 'image/jpeg');
};

/** `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxgetvoice?msgid=…&skey=…` → `audio/mpeg` (8.2); a Range header is ignored (200). */
export const webwxgetvoice: Handler = (core, ctx) => {
  if (!mediaSession(core, ctx)) return NO_SESSION();
  const media = core.media.message(param(ctx, 'msgid') ?? '');
  if (!media || media.kind !== 'voice' || !media.full) return NOT_FOUND();
  return binary(forcedEmpty(ctx) ? EMPTY_BODY : media.full, 'audio/mpeg');
};

const RANGE = /^bytes=(\d+)-(\d*)$/;

/**
 * `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxgetvideo?msgid=…&skey=…` with
 * `Range: bytes=0-` (8.3): `206 Partial Content`, `Content-Range: bytes
 * 0-N/N+1`, `video/mp4`. Without a Range header the answer is an empty 200
 * ("without Range some clients got nothing"); videos injected with
 * `zeroBytes` (or a `ret` fault) download as an empty 200; a start beyond
 * the end is 416.
 */
export const webwxgetvideo: Handler = (core, ctx) => {
  if (!mediaSession(core, ctx)) return NO_SESSION();
  const media = core.media.message(param(ctx, 'msgid') ?? '');
  if (!media || media.kind !== 'video' || !media.full) return NOT_FOUND();
  const range = typeof ctx.headers.range === 'string' ? RANGE.exec(ctx.headers.range.trim()) : null;
  if (!range || media.empty || forcedEmpty(ctx)) return binary(EMPTY_BODY, 'video/mp4');
  const total = media.full.length;
  const start = Number(range[1]);
  const end = range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
  if (start >= total || end < start) return binary(EMPTY_BODY, 'video/mp4', { 'Content-Range': `bytes */${total}` }, 416);
  return binary(sliceBody(media.full, start, end), 'video/mp4', { 'Content-Range': `bytes ${start}-${end}/${total}`, 'Accept-Ranges': 'bytes' }, 206);
};

/**
 * `GET https://FILE/cgi-bin/mmwebwx-bin/webwxgetmedia?sender=&mediaid=&encryfilename=|filename=&fromuser=&pass_ticket=&webwx_data_ticket=`
 * (8.4): the raw attachment, streamed. `webwx_data_ticket` must be present
 * both as cookie and as query parameter (403 otherwise); `sender`,
 * `fromuser` (uin or UserName), `pass_ticket` and the file name are not checked.
 */
export const webwxgetmedia: Handler = (core, ctx) => {
  const session = mediaSession(core, ctx, false);
  if (!session) return NO_SESSION();
  const cookieTicket = ctx.cookies.get('webwx_data_ticket');
  if (cookieTicket !== session.dataTicket || !sameTicket(param(ctx, 'webwx_data_ticket'), session.dataTicket)) return NO_SESSION();
  const file = core.media.file(param(ctx, 'mediaid') ?? '');
  if (!file) return NOT_FOUND();
  const name = encodeURIComponent(file.name);
  return binary(forcedEmpty(ctx) ? EMPTY_BODY : file.body, 'application/octet-stream', { 'Content-Disposition': `attachment; filename="${name}"` });
};

/** Avatars never change within a session: the real answers are cacheable for a week (8.6). */
function avatar(ctx: RequestContext, userName: string): SimResponse {
  const body = forcedEmpty(ctx) ? EMPTY_BODY : bufferBody(sampleJpeg(`wxsim avatar ${userName}`));
  return binary(body, 'image/jpeg', { 'Cache-control': 'max-age=604800' });
}

/**
 * `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxgeticon?seq=&username=&skey=[&type=big][&chatroomid=][&msgid=]`
 * (8.6): a JPEG avatar for any UserName (unknown ones get a default one, as
 * the HeadImgUrl of strangers must always load). A person who is not a
 * contact (a group member, a requester) is only served in the member form
 * (`chatroomid` = the EncryChatRoomId of a group they are in, as the
 * reference gives it) or with a `msgid` (requests, cards); otherwise an empty
 * image/jpeg, as failed media look in the wild [UNSURE: the reference says the
 * form is needed, not what the server answers without it].
 */
export const webwxgeticon: Handler = (core, ctx) => {
  const session = mediaSession(core, ctx);
  if (!session) return NO_SESSION();
  const userName = param(ctx, 'username') ?? '';
  const person = session.directory.person(userName);
  if (person?.kind === 'stranger' && !param(ctx, 'msgid')) {
    const dir = session.directory;
    const roomId = param(ctx, 'chatroomid');
    const inRoom = core.book.groups.some((g) => g.members.includes(person.index) && dir.encryChatRoomId(g) === roomId);
    if (!inRoom) return binary(EMPTY_BODY, 'image/jpeg', { 'Cache-control': 'max-age=604800' });
  }
  return avatar(ctx, userName);
};

/** `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=&username=@@…&skey=` — group avatars (8.6). */
export const webwxgetheadimg: Handler = (core, ctx) => {
  if (!mediaSession(core, ctx)) return NO_SESSION();
  return avatar(ctx, param(ctx, 'username') ?? '');
};

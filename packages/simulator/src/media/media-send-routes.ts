import type { SimCore } from '../core';
import * as chat from '../messages/chat-messages';
import type { WireEntry } from '../messages/entry';
import { BAD_PARAM, sendRoute } from '../routes/send-common';
import type { Session } from '../session/session';
import { parseAppMsg } from './appmsg-xml';
import { forwardedAppEcho } from './forwarded-app-echo';
import { forwardSource } from './forward-sources';
import { bufferBody, md5Of, type MediaBody } from './media-body';
import type { StoredFile } from './media-store';
import { sampleJpeg } from './samples';

type Msg = Record<string, unknown> & { ToUserName: string };

/** What a media send resolved to, before it is recorded and echoed. */
interface Resolved {
  type: number;
  mediaId: string;
  fileName: string;
  size: number;
  md5: string;
  /** The echo entry (webwxsync AddMsgList, FromUserName = self). */
  echo: (scope: chat.MessageScope) => WireEntry;
  /** Registers what the download endpoints serve for the echo. */
  media?: (msgId: string) => void;
}

type Resolver = (core: SimCore, session: Session, msg: Msg) => Resolved | number;

/** A media send: the resolver's file details go into `sent()`, its echo into a later webwxsync. */
function mediaSend(resolve: Resolver) {
  return sendRoute((core, session, msg) => {
    const r = resolve(core, session, msg);
    if (typeof r === 'number') return r;
    return {
      type: r.type,
      extra: { mediaId: r.mediaId, fileName: r.fileName, size: r.size, md5: r.md5 },
      echo: (scope) => r.echo(scope),
      ...(r.media ? { recorded: r.media } : {}),
    };
  });
}

/** The stored file a `MediaId` names (an upload, a placeholder, or a received attachment when forwarding). */
function fileOf(core: SimCore, mediaId: unknown): StoredFile | undefined {
  return typeof mediaId === 'string' && mediaId !== '' ? core.media.file(mediaId) : undefined;
}

function described(core: SimCore, file: StoredFile): Pick<Resolved, 'mediaId' | 'fileName' | 'size' | 'md5'> {
  // A forwarded picture has no MediaId of its own: its md5 is not cached under ''.
  return { mediaId: file.mediaId, fileName: file.name, size: file.body.length, md5: file.mediaId === '' ? md5Of(file.body) : core.media.md5(file) };
}

const thumb = (msgId: string): MediaBody => bufferBody(sampleJpeg(`wxsim thumb ${msgId}`));

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxsendmsgimg?fun=async&f=json`
 * (9.7): `Msg {Type 3, MediaId, Content ""}`; or a forward (9.10): empty MediaId and the
 * Content of an image this login delivered. Neither known → Ret 1.
 * Echo: MsgType 3; webwxgetmsgimg of the echo serves the uploaded (or forwarded) bytes.
 */
export const webwxsendmsgimg = mediaSend((core, session, msg) => {
  const file = fileOf(core, msg['MediaId']) ?? forwarded(core, session, msg, [3]);
  if (!file) return BAD_PARAM;
  return {
    type: Number(msg['Type'] ?? 3),
    ...described(core, file),
    echo: (s) => chat.imageMessage(s, 640, 480, file.body.length),
    media: (msgId) => core.media.setMessage(msgId, { kind: 'image', full: file.body, thumb: thumb(msgId), empty: false }),
  };
});

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxsendvideomsg?fun=async&f=json`
 * (9.7): `Msg {Type 43 (or 62), MediaId}`. Echo: MsgType 43 whose
 * webwxgetvideo serves the uploaded bytes. A forward (9.10) names a video this login delivered
 * by its Content, with an empty MediaId.
 */
export const webwxsendvideomsg = mediaSend((core, session, msg) => {
  const file = fileOf(core, msg['MediaId']) ?? forwarded(core, session, msg, [43, 62]);
  if (!file) return BAD_PARAM;
  return {
    type: Number(msg['Type'] ?? 43),
    ...described(core, file),
    echo: (s) => chat.videoMessage(s, 10),
    media: (msgId) => core.media.setMessage(msgId, { kind: 'video', full: file.body, thumb: thumb(msgId), empty: false }),
  };
});

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxsendappmsg?fun=async&f=json`
 * (9.8): `Msg.Type` is the AppMsgType. For 6 (file) the appmsg XML's
 * `<attachid>` must name a stored file (an upload, or a received attachment
 * when forwarding) and `<totallen>` must equal its size, else Ret 1; the
 * echo is MsgType 49 / AppMsgType 6 with FileName = `<title>`, FileSize and
 * MediaId, downloadable with webwxgetmedia. Other AppMsgTypes (links,
 * forwarded mini-programs …) are recorded and echoed with the sent appmsg
 * (title as FileName, `<url>` as Url; 9.10).
 */
export const webwxsendappmsg = mediaSend((core, _session, msg) => {
  const type = Number(msg['Type']);
  const content = typeof msg['Content'] === 'string' ? msg['Content'] : '';
  if (!Number.isInteger(type) || content === '') return BAD_PARAM;
  const app = parseAppMsg(content);
  if (type !== 6) {
    return {
      type,
      mediaId: app.attachId,
      fileName: app.title,
      size: app.totalLen ?? 0,
      md5: '',
      echo: (s) => forwardedAppEcho(s, type, app),
      media: (msgId) => core.media.setMessage(msgId, { kind: 'app', thumb: thumb(msgId), empty: false }),
    };
  }
  const file = fileOf(core, app.attachId);
  if (!file || app.totalLen !== file.body.length) return BAD_PARAM;
  const name = app.title || file.name;
  return {
    type,
    ...described(core, file),
    fileName: name,
    echo: (s) => chat.fileMessage(s, name, file.body.length, file.mediaId),
  };
});

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxsendemoticon?fun=sys` (9.3):
 * `Msg {Type 47, EmojiFlag 2, MediaId}` (an uploaded GIF) or
 * `{…, EMoticonMd5}` (a received custom sticker, or any uploaded file's md5).
 * Neither known → Ret 1. Echo: MsgType 47 whose webwxgetmsgimg serves the
 * GIF (labelled image/jpeg).
 */
export const webwxsendemoticon = mediaSend((core, _session, msg) => {
  const source = emoticonSource(core, msg);
  if (!source) return BAD_PARAM;
  const { gif, info } = source;
  return {
    type: Number(msg['Type'] ?? 47),
    ...info,
    echo: (s) => chat.emoticonMessage(s, false, info.md5, gif.length),
    media: (msgId) => {
      core.media.setMessage(msgId, { kind: 'emoticon', full: gif, thumb: thumb(msgId), empty: false });
      core.media.addEmoticon(info.md5, gif);
    },
  };
});

/** A forwarded image/video (empty MediaId, the received Content) as the stored file it resends. */
function forwarded(core: SimCore, session: Session, msg: Msg, types: readonly number[]): StoredFile | undefined {
  if (typeof msg['MediaId'] === 'string' && msg['MediaId'] !== '') return undefined;
  const content = typeof msg['Content'] === 'string' ? msg['Content'] : '';
  const source = content === '' ? undefined : forwardSource(core, session, content, types);
  if (!source) return undefined;
  return { mediaId: '', name: '', mime: '', mediaType: types[0] === 3 ? 'pic' : 'video', body: source.body, placeholder: false, uploader: '' };
}

/** The sticker bytes of an emoticon send: by MediaId (uploaded GIF) or by EMoticonMd5 (received sticker or upload). */
function emoticonSource(core: SimCore, msg: Msg): { gif: MediaBody; info: Pick<Resolved, 'mediaId' | 'fileName' | 'size' | 'md5'> } | undefined {
  const file = fileOf(core, msg['MediaId']);
  if (file) return { gif: file.body, info: described(core, file) };
  const md5 = typeof msg['EMoticonMd5'] === 'string' ? msg['EMoticonMd5'].toLowerCase() : '';
  if (md5 === '') return undefined;
  const upload = core.media.uploadedByMd5(md5);
  const gif = core.media.emoticon(md5) ?? upload?.body;
  if (!gif) return undefined;
  return { gif, info: { mediaId: upload?.mediaId ?? '', fileName: upload?.name ?? '', size: gif.length, md5 } };
}

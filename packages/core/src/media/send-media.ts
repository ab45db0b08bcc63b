import { createReadStream, promises as fs } from 'node:fs';
import {
  CHECK_UPLOAD_THRESHOLD,
  checkUpload,
  computeMd5,
  newClientMsgId,
  sendEmoticon,
  sendFile,
  sendImage,
  sendVideo,
  sniffMediaType,
  uploadMedia,
  type SendResult,
} from '@wxbot/protocol';
import type { ExecutorContext } from '../outbox/types';
import type { OutgoingMediaKind, SentMessage } from '../pipeline/types';
import type { StagedMedia } from './stage-media';

/** What the outbox persists for a media send: a staged file, never the bytes. */
export interface MediaPayload extends StagedMedia {
  to: string;
  /** The bytes' key in the bot's MediaStash, when it has one (the send may run on another machine). */
  stash?: string;
}

async function firstBytes(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Upload a staged file to the FILE host (checkupload first above 25 MB) and send it as
 * `kind`. GIF images go as emoticons: sent as an image a GIF shows as a still picture.
 */
export async function sendMediaOnce(kind: OutgoingMediaKind, ctx: ExecutorContext, p: MediaPayload): Promise<SentMessage> {
  const type = sniffMediaType(await firstBytes(p.path));
  const effective: OutgoingMediaKind = kind === 'image' && type.ext === 'gif' ? 'emoticon' : kind;
  const from = ctx.selfUserName;
  const md5 = await computeMd5(() => createReadStream(p.path));
  const check = p.size > CHECK_UPLOAD_THRESHOLD ? await checkUpload(ctx.session, { from, to: p.to, fileName: p.name, size: p.size, md5, signal: ctx.signal }) : undefined;
  const upload = await uploadMedia(ctx.session, {
    stream: () => createReadStream(p.path),
    size: p.size,
    md5,
    from,
    to: p.to,
    fileName: p.name,
    mime: type.mime !== 'application/octet-stream' ? type.mime : undefined,
    ...(check ? { checkUpload: check } : {}),
    signal: ctx.signal,
  } as Parameters<typeof uploadMedia>[1]);
  const base = { from, to: p.to, mediaId: upload.mediaId, clientMsgId: ctx.clientMsgId ?? newClientMsgId(), signal: ctx.signal };
  let r: SendResult;
  switch (effective) {
    case 'image':
      r = await sendImage(ctx.session, base);
      break;
    case 'video':
      r = await sendVideo(ctx.session, base);
      break;
    case 'emoticon':
      r = await sendEmoticon(ctx.session, base);
      break;
    case 'file':
      r = await sendFile(ctx.session, { ...base, fileName: p.name, size: p.size, ...(upload.signature ? { signature: upload.signature } : {}) });
      break;
  }
  return Object.freeze({ msgId: r.msgId, localId: r.localId, to: p.to, sentAt: new Date() });
}

import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { getMedia, getMsgImage, getVideo, getVoice, type MediaDownload, type MediaDownloadStream, type SessionContext } from '@wxbot/protocol';
import { WxbotError } from '../errors/wxbot-error';
import type { Message } from '../message/types';
import type { DownloadedMedia, DownloadOptions } from '../pipeline/types';

const DOWNLOADABLE = new Set(['image', 'voice', 'video', 'emoticon', 'file']);

function fetch(ctx: SessionContext, m: Message, o: DownloadOptions, stream: boolean): Promise<MediaDownload | MediaDownloadStream> {
  const common = { ...(o.signal ? { signal: o.signal } : {}), ...(stream ? { stream: true as const } : {}) };
  switch (m.kind) {
    case 'image':
      return getMsgImage(ctx, m.id, { ...common, size: o.thumbnail ? 'thumb' : 'big' });
    case 'emoticon':
      return getMsgImage(ctx, m.id, { ...common, size: 'big' });
    case 'voice':
      return getVoice(ctx, m.id, common);
    case 'video':
      return getVideo(ctx, m.id, common);
    default: {
      const raw = m.raw;
      return getMedia(ctx, { sender: raw.FromUserName, mediaId: raw.MediaId, ...(raw.EncryFileName ? { encryFileName: raw.EncryFileName } : {}), fileName: raw.FileName }, common);
    }
  }
}

function check(m: Message): void {
  if (!DOWNLOADABLE.has(m.kind)) {
    throw new WxbotError('WXBOT_NOT_MEDIA', `message ${m.id} is a ${m.kind} message: only image, voice, video, emoticon and file messages can be downloaded`);
  }
  if (m.kind === 'emoticon' && m.raw.HasProductId === 1) {
    throw new WxbotError('WXBOT_MEDIA_UNAVAILABLE', `message ${m.id} is a store sticker: the server does not let web clients download those`);
  }
}

function empty(m: Message): WxbotError {
  return new WxbotError('WXBOT_MEDIA_UNAVAILABLE', `the server returned no bytes for ${m.kind} ${m.id}${m.kind === 'video' ? ' (it does this for videos not recorded with the WeChat camera)' : ''}`);
}

function fileNameOf(m: Message, ext: string): string {
  return m.kind === 'file' && m.raw.FileName ? m.raw.FileName : `${m.id}.${ext}`;
}

/** Fetch a media message's bytes with the endpoint its kind needs; the type is sniffed. */
export async function downloadMedia(ctx: SessionContext, m: Message, o: DownloadOptions = {}): Promise<DownloadedMedia> {
  check(m);
  const r = (await fetch(ctx, m, o, false)) as MediaDownload;
  if (r.empty) throw empty(m);
  return Object.freeze({ bytes: r.bytes, mime: r.type.mime, ext: r.type.ext, fileName: fileNameOf(m, r.type.ext) });
}

/** Stream a media message into `filePath` without holding it in memory. */
export async function downloadMediaTo(ctx: SessionContext, m: Message, filePath: string, o: DownloadOptions = {}): Promise<{ path: string; size: number; mime: string }> {
  check(m);
  const r = (await fetch(ctx, m, o, true)) as MediaDownloadStream;
  if (r.empty) throw empty(m);
  let size = 0;
  r.stream.on('data', (chunk: Buffer) => (size += chunk.length));
  await pipeline(r.stream, createWriteStream(filePath));
  return { path: filePath, size, mime: r.type.mime };
}

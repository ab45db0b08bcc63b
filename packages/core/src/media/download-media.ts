import { createWriteStream, promises as fs } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getMedia, getMsgImage, getVideo, getVoice, type MediaDownloadStream, type MediaStream, type SessionContext } from '@wxbot/protocol';
import { WxbotError } from '../errors/wxbot-error';
import { decodeName } from '../util/decode-text';
import type { Message } from '../message/types';
import type { DownloadedMedia, DownloadOptions } from '../pipeline/types';
import { safeFileName } from '../util/safe-file-name';

const DOWNLOADABLE = new Set(['image', 'voice', 'video', 'emoticon', 'file']);

/** `download()` holds the whole file in memory: above this many bytes it refuses (docs/security.md). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024;

function fetch(ctx: SessionContext, m: Message, o: DownloadOptions): Promise<MediaDownloadStream> {
  const common = { ...(o.signal ? { signal: o.signal } : {}), stream: true as const };
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
      // The server's own FileName goes back to it: it is a lookup key there, never a path here.
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

function tooLarge(m: Message, what: string, maxBytes: number, fix: string): WxbotError {
  return new WxbotError('WXBOT_MEDIA_TOO_LARGE', `${m.kind} ${m.id}: ${what}, more than the ${maxBytes}-byte limit; ${fix}`, { msgId: m.id, maxBytes });
}

const DOWNLOAD_FIX = 'stream it to disk with bot.downloadTo(message, path, { maxBytes }) or raise media.maxBytes';

/** The sizes the message and the response headers announce (each may be absent). */
function announced(m: Message, r: MediaStream): number | undefined {
  const sizes = [m.media?.size, r.contentLength].filter((n): n is number => n !== undefined && n > 0);
  return sizes.length > 0 ? Math.min(...sizes) : undefined;
}

/**
 * A pass-through that errors once more than `limit` bytes went through, so a server that sends
 * more than it announced (or more than the caller accepts) cannot fill the disk or the memory.
 */
function byteLimit(limit: number, onExceed: (seen: number) => Error): Transform & { bytes: () => number } {
  let seen = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > limit ? onExceed(seen) : null, chunk);
    },
  });
  return Object.assign(t, { bytes: () => seen });
}

function namesOf(m: Message, ext: string): Pick<DownloadedMedia, 'fileName' | 'rawFileName'> {
  const fallback = `${m.id}.${ext}`;
  if (m.kind !== 'file') return { fileName: fallback, rawFileName: '' };
  const raw = m.media?.rawFileName || decodeName(m.raw.FileName);
  return { fileName: m.media?.fileName || safeFileName(raw, fallback), rawFileName: raw };
}

/**
 * Fetch a media message's bytes with the endpoint its kind needs; the type is sniffed. Refuses
 * (`WXBOT_MEDIA_TOO_LARGE`) media above `o.maxBytes ?? defaultMax` before or while reading it.
 */
export async function downloadMedia(ctx: SessionContext, m: Message, o: DownloadOptions = {}, defaultMax = DEFAULT_MAX_DOWNLOAD_BYTES): Promise<DownloadedMedia> {
  check(m);
  const maxBytes = o.maxBytes ?? defaultMax;
  const size = m.media?.size;
  if (size !== undefined && size > maxBytes) throw tooLarge(m, `the message announces ${size} bytes`, maxBytes, DOWNLOAD_FIX);
  const r = await fetch(ctx, m, o);
  if (r.empty) throw empty(m);
  if (r.contentLength !== undefined && r.contentLength > maxBytes) {
    r.stream.destroy();
    throw tooLarge(m, `the server announces ${r.contentLength} bytes`, maxBytes, DOWNLOAD_FIX);
  }
  const limit = Math.min(maxBytes, announced(m, r) ?? Infinity);
  const chunks: Buffer[] = [];
  await pipeline(
    r.stream,
    byteLimit(limit, (seen) => tooLarge(m, `the server sent ${seen}+ bytes${limit < maxBytes ? ` (announced ${limit})` : ''}`, maxBytes, DOWNLOAD_FIX)),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    },
  );
  const bytes = Buffer.concat(chunks);
  return Object.freeze({ bytes, mime: r.type.mime, ext: r.type.ext, ...namesOf(m, r.type.ext) });
}

/**
 * Stream a media message into `filePath` without holding it in memory. Aborts with
 * `WXBOT_MEDIA_TOO_LARGE`, removing the partial file, when the server sends more than it (or
 * the message) announced or more than `o.maxBytes`.
 */
export async function downloadMediaTo(ctx: SessionContext, m: Message, filePath: string, o: DownloadOptions = {}): Promise<{ path: string; size: number; mime: string }> {
  check(m);
  const cap = o.maxBytes ?? Infinity;
  const r = await fetch(ctx, m, o);
  if (r.empty) throw empty(m);
  const fix = 'check the sender; pass a larger maxBytes if the file is expected';
  if (r.contentLength !== undefined && r.contentLength > cap) {
    r.stream.destroy();
    throw tooLarge(m, `the server announces ${r.contentLength} bytes`, cap, fix);
  }
  const told = announced(m, r);
  const limit = Math.min(cap, told ?? Infinity);
  const counter = byteLimit(limit, (seen) =>
    seen > cap ? tooLarge(m, `the server sent ${seen}+ bytes`, cap, fix) : new WxbotError('WXBOT_MEDIA_TOO_LARGE', `${m.kind} ${m.id}: the server sent ${seen}+ bytes but announced ${told}; the partial file was removed`, { msgId: m.id, announced: told }),
  );
  try {
    await pipeline(r.stream, counter, createWriteStream(filePath));
  } catch (err) {
    // Whatever stopped the copy, no half-written file is left behind for a plugin to trust.
    await fs.rm(filePath, { force: true });
    throw err;
  }
  return { path: filePath, size: counter.bytes(), mime: r.type.mime };
}

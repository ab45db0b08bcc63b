import type { SimCore } from '../core';
import { SimulatorError } from '../errors';
import { bufferBody, md5Of, type MediaBody } from './media-body';
import { sampleFile, sampleGif, sampleJpeg, sampleMp3, sampleMp4 } from './samples';

/** Bytes given to an injection: a Buffer, or base64 text (control API). */
export type InjectedBytes = Buffer | Uint8Array | string;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes injected bytes; `undefined` when absent. Rejects text that is not base64. */
export function decodeBytes(data: InjectedBytes | undefined, field: string): Buffer | undefined {
  if (data === undefined || data === null) return undefined;
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data);
  if (typeof data !== 'string') throw new SimulatorError(`"${field}" must be base64 text`);
  const clean = data.replace(/\s+/g, '');
  if (!BASE64.test(clean)) throw new SimulatorError(`"${field}" must be base64 text`);
  return Buffer.from(clean, 'base64');
}

/** The media an incoming message carries, registered under its MsgId for the download endpoints. */
export const incomingMedia = {
  image(core: SimCore, msgId: string, data: Buffer | undefined): MediaBody {
    const full = bufferBody(data ?? sampleJpeg(`wxsim image ${msgId}`));
    core.media.setMessage(msgId, { kind: 'image', full, thumb: bufferBody(sampleJpeg(`wxsim thumb ${msgId}`)), empty: false });
    return full;
  },

  /** Custom stickers: GIF bytes (also findable by md5 for EMoticonMd5 sends); store stickers download as nothing. */
  emoticon(core: SimCore, msgId: string, data: Buffer | undefined, store: boolean): { md5: string; length: number } {
    const full = bufferBody(data ?? sampleGif(`wxsim emoticon ${msgId}`));
    const md5 = md5Of(full);
    core.media.setMessage(msgId, { kind: 'emoticon', full, thumb: bufferBody(sampleJpeg(`wxsim thumb ${msgId}`)), empty: store });
    if (!store) core.media.addEmoticon(md5, full);
    return { md5, length: full.length };
  },

  voice(core: SimCore, msgId: string, data: Buffer | undefined, durationMs: number): void {
    core.media.setMessage(msgId, { kind: 'voice', full: bufferBody(data ?? sampleMp3(`wxsim voice ${msgId}`, durationMs)), empty: false });
  },

  video(core: SimCore, msgId: string, data: Buffer | undefined, zeroBytes: boolean): void {
    const full = bufferBody(data ?? sampleMp4(`wxsim video ${msgId}`));
    core.media.setMessage(msgId, { kind: 'video', full, thumb: bufferBody(sampleJpeg(`wxsim poster ${msgId}`)), empty: zeroBytes });
  },

  /** Link/app cards have a thumbnail (ImgStatus 2) served by webwxgetmsgimg. */
  appThumb(core: SimCore, msgId: string): void {
    core.media.setMessage(msgId, { kind: 'app', thumb: bufferBody(sampleJpeg(`wxsim thumb ${msgId}`)), empty: false });
  },

  /** An attachment (webwxgetmedia by MediaId); generated bodies of any size are streamed. */
  file(core: SimCore, mediaId: string, name: string, body: MediaBody): void {
    core.media.addFile({ mediaId, name, mime: 'application/octet-stream', mediaType: 'doc', body, placeholder: false, uploader: '' });
  },

  fileBody(core: SimCore, name: string, data: Buffer | undefined, size: number | undefined): MediaBody {
    return data ? bufferBody(data) : sampleFile(name, size ?? 10240, `wxsim file ${name}`, core.rng.next());
  },
};

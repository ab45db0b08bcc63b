import type { SimCore } from '../core';
import type { Session } from '../session/session';
import type { MediaBody } from './media-body';

/**
 * Forwarding without re-upload (docs/protocol.md 9.10): a client forwards a received image or
 * video by sending its Content back with an empty MediaId (wechat4u's forwardMsg). On the real
 * servers that XML names the CDN object (`aeskey`, cdn urls); here the same references name the
 * message of this login that carried them, and so the bytes its download serves. A reference
 * this login never delivered (another login, a made-up XML) is "media the server no longer has".
 */
export interface ForwardSource {
  msgId: string;
  body: MediaBody;
}

const AES_KEY = /aeskey\s*=\s*(?:"|'|&quot;)([0-9a-fA-F]{16,})/;
const OPAQUE = /@[0-9a-fA-F]{64,}/;

/** The reference a forwarded image or video Content carries: the image's aeskey, or a video's opaque `@…` token. */
export function forwardReference(content: string): string | undefined {
  return AES_KEY.exec(content)?.[1] ?? OPAQUE.exec(content)?.[0];
}

/** The message of this login, of one of `types`, whose Content carries the reference of `content`, with bytes to serve. */
export function forwardSource(core: SimCore, session: Session, content: string, types: readonly number[]): ForwardSource | undefined {
  const ref = forwardReference(content);
  if (ref === undefined) return undefined;
  for (const entry of session.messages.values()) {
    if (!types.includes(entry.MsgType) || !entry.Content.includes(ref)) continue;
    const media = core.media.message(entry.MsgId);
    if (media?.full) return { msgId: entry.MsgId, body: media.full };
  }
  return undefined;
}

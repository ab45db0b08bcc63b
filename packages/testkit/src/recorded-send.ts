import type { Message, Outgoing } from '@wxbot/core';
import { forwardPayloadOf } from '@wxbot/core/internals';
import type { Reply } from './types';

const MEDIA_KINDS = ['image', 'file', 'video', 'emoticon'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

function basename(source: unknown): string | undefined {
  return typeof source === 'string' ? source.split(/[\\/]/).pop() : undefined;
}

/**
 * What a reply looks like in a test: the text, or for media (`{ image: './cat.png' }`) an empty
 * text and `media: { kind, name }`. Read loosely so it keeps working as Outgoing grows.
 */
export function describeOutgoing(to: string, outgoing: Outgoing): Reply {
  if (typeof outgoing === 'string') return { to, text: outgoing };
  const o = outgoing as unknown as Record<string, unknown>;
  const kind = MEDIA_KINDS.find((k) => k in o) as MediaKind | undefined;
  if (kind) {
    const name = typeof o['name'] === 'string' ? o['name'] : basename(o[kind]);
    return { to, text: '', media: { kind, ...(name ? { name } : {}) } };
  }
  const link = o['link'] as { title?: unknown; url?: unknown } | undefined;
  if (link && typeof link === 'object') return { to, text: '', link: { title: String(link.title ?? ''), url: String(link.url ?? '') } };
  return { to, text: typeof o['text'] === 'string' ? o['text'] : '' };
}

/**
 * What a forward looks like in a test, as the simulator records it (a forward is a send of what
 * it re-sends): the text, the media kind, or the link. Refuses what the real bot refuses, with
 * the same coded errors (store stickers, voice, cards …).
 */
export function describeForward(to: string, message: Message): Reply {
  const p = forwardPayloadOf(message, to);
  switch (p.via) {
    case 'text':
      return { to, text: p.text };
    case 'location':
      return { to, text: '' };
    case 'image':
    case 'video':
    case 'emoticon':
      return { to, text: '', media: { kind: p.via } };
    case 'app':
      if (message.kind === 'file') return { to, text: '', media: { kind: 'file', ...(message.media?.fileName ? { name: message.media.fileName } : {}) } };
      return { to, text: '', link: { title: message.app?.title ?? '', url: message.app?.url ?? '' } };
  }
}

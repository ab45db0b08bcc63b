import type { Outgoing } from '@wxbot/core';
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
  return { to, text: typeof o['text'] === 'string' ? o['text'] : '' };
}

import type { Outgoing, OutgoingMedia, OutgoingMediaKind } from './types';

const MEDIA_KINDS: readonly OutgoingMediaKind[] = ['image', 'file', 'video', 'emoticon'];

/** The media key of an Outgoing, or undefined for text. */
export function mediaKindOf(outgoing: Outgoing): OutgoingMediaKind | undefined {
  if (typeof outgoing !== 'object' || outgoing === null) return undefined;
  return MEDIA_KINDS.find((k) => k in outgoing);
}

/** Is this a value a handler may return or pass to `reply()`? */
export function isOutgoing(value: unknown): value is Outgoing {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { text?: unknown }).text === 'string') return true;
  const kind = mediaKindOf(value as Outgoing);
  return kind !== undefined && (value as Record<string, unknown>)[kind] != null;
}

export function isMediaOutgoing(outgoing: Outgoing): outgoing is OutgoingMedia {
  return mediaKindOf(outgoing) !== undefined;
}

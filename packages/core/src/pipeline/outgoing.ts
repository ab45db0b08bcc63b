import type { Outgoing, OutgoingCard, OutgoingLink, OutgoingMedia, OutgoingMediaKind } from './types';

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
  if (isLinkOutgoing(value as Outgoing) || isCardOutgoing(value as Outgoing)) return true;
  const kind = mediaKindOf(value as Outgoing);
  return kind !== undefined && (value as Record<string, unknown>)[kind] != null;
}

export function isMediaOutgoing(outgoing: Outgoing): outgoing is OutgoingMedia {
  return mediaKindOf(outgoing) !== undefined;
}

/** `{ link: { title, url, … } }`: a link card. */
export function isLinkOutgoing(outgoing: Outgoing): outgoing is OutgoingLink {
  return typeof outgoing === 'object' && outgoing !== null && typeof (outgoing as { link?: unknown }).link === 'object' && (outgoing as { link?: unknown }).link !== null;
}

/** `{ card }`: a contact card, which the web protocol cannot send (WXBOT_CARD_UNSUPPORTED). */
export function isCardOutgoing(outgoing: Outgoing): outgoing is OutgoingCard {
  return typeof outgoing === 'object' && outgoing !== null && 'card' in outgoing;
}

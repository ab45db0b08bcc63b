import { locationMessage, type MessageScope } from '../messages/chat-messages';
import type { WireEntry } from '../messages/entry';

/** Msg.Type of a location sent (forwarded) through webwxsendmsg (docs/protocol.md 9.2). */
export const LOCATION_SEND_TYPE = 48;

export interface SentLocation {
  label: string;
  lat: number;
  lng: number;
  /** The XML as sent: the echo's OriContent. */
  xml: string;
}

const ATTR = (xml: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(xml)?.[1];

/** The `<location x y label …/>` of a Type 48 Content (a received OriContent), or undefined. */
export function parseSentLocation(content: string): SentLocation | undefined {
  const xml = content.trimStart().startsWith('&lt;') ? content.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : content;
  const element = /<location\s[^>]*>/.exec(xml)?.[0];
  if (!element) return undefined;
  const lat = Number(ATTR(element, 'x'));
  const lng = Number(ATTR(element, 'y'));
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
  const label = (ATTR(element, 'label') ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { label, lat, lng, xml };
}

/**
 * The echo of a location send: as received locations arrive (MsgType 1 + SubMsgType 48, the
 * static-map path, the map Url; docs/protocol.md 7.4), with the sent XML as OriContent.
 */
export function locationEcho(scope: MessageScope, location: SentLocation): WireEntry {
  return { ...locationMessage(scope, location.label, location.lat, location.lng), OriContent: location.xml };
}

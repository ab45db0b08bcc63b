import type { WireMessage } from '@wxbot/wire-types';
import { decodeEntities, decodeText } from '../util/decode-text';
import type { LocationInfo } from './types';

const ADDRESS_END = ':<br/>';
const COORD = /[?&]coord=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/;

/**
 * Reads a location (MsgType 1 + SubMsgType 48; docs/protocol.md 7.4.2). `body` is the raw Content
 * with any group prefix removed: `<address>:<br/>/cgi-bin/...webwxgetpubliclinkimg...`.
 * Coordinates come from the `coord=<lat>,<lng>` query of the map `Url` when present (older
 * `redirectforward` URLs have none).
 * @example
 * parseLocation('Park:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?pictype=location', wire).address; // 'Park'
 */
export function parseLocation(body: string, wire: WireMessage): LocationInfo {
  // The last separator: the address may contain ':' but the image path never contains ':<br/>'.
  const end = body.lastIndexOf(ADDRESS_END);
  const address = decodeText(end === -1 ? body : body.slice(0, end)).trim();
  const url = decodeEntities(wire.Url ?? '');
  const coord = COORD.exec(url);
  const latitude = coord?.[1] !== undefined ? Number(coord[1]) : undefined;
  const longitude = coord?.[2] !== undefined ? Number(coord[2]) : undefined;
  return {
    address,
    url,
    ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
  };
}

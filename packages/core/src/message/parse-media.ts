import type { WireMessage } from '@wxbot/wire-types';
import type { MediaInfo, MessageKind } from './types';
import { parseXml, toCount, xmlAttr, xmlChild } from './xml';

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/**
 * Media details of image, voice, video and emoticon messages, from the wire fields only:
 * their Content changed from XML to opaque `@…` blobs over time (edge case 23), so it is not
 * parsed — except an emoticon's `md5`, needed to re-send it. Store stickers (`HasProductId` 1)
 * come with empty Content and therefore no md5 (edge case 24).
 * @example
 * parseMedia('voice', '', wire); // { fileName: '', rawFileName: '', mediaId: '', duration: 1580 }
 */
export function parseMedia(kind: MessageKind, xml: string, wire: WireMessage): MediaInfo {
  const emoji = kind === 'emoticon' ? xmlChild(parseXml(xml), 'msg', 'emoji') : undefined;
  const width = positive(wire.ImgWidth) ?? positive(toCount(xmlAttr(emoji, 'width')));
  const height = positive(wire.ImgHeight) ?? positive(toCount(xmlAttr(emoji, 'height')));
  const duration =
    kind === 'voice' ? positive(wire.VoiceLength) : kind === 'video' ? positive(wire.PlayLength) : undefined;
  const md5 = xmlAttr(emoji, 'md5');
  return {
    fileName: '',
    rawFileName: '',
    mediaId: wire.MediaId ?? '',
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(md5 ? { md5 } : {}),
  };
}

import { Readable } from 'node:stream';
import { isCardOutgoing, isLinkOutgoing, isMediaOutgoing, isOutgoing, mediaKindOf } from '../../src/pipeline/outgoing';
import type { Outgoing } from '../../src/pipeline/types';

describe('outgoing values', () => {
  it('mediaKindOf names the media key, in the order image, file, video, emoticon', () => {
    expect(mediaKindOf('text')).toBeUndefined();
    expect(mediaKindOf({ text: 'x' })).toBeUndefined();
    expect(mediaKindOf({ image: Buffer.from('x') })).toBe('image');
    expect(mediaKindOf({ file: '/tmp/a.pdf', name: 'a.pdf' })).toBe('file');
    expect(mediaKindOf({ video: Readable.from([]) })).toBe('video');
    expect(mediaKindOf({ emoticon: Buffer.from('x') })).toBe('emoticon');
    expect(mediaKindOf({ image: Buffer.from('x'), file: 'y' } as Outgoing)).toBe('image');
    expect(mediaKindOf(null as unknown as Outgoing)).toBeUndefined();
  });

  it('isOutgoing accepts strings, texts, links, cards and media with a source; nothing else', () => {
    for (const ok of ['hi', '', { text: 'x' }, { link: { title: 't', url: 'https://e.com' } }, { card: '@a' }, { image: Buffer.from('x') }, { file: '/p' }]) {
      expect(isOutgoing(ok)).toBe(true);
    }
    for (const bad of [undefined, null, 5, true, {}, { text: 5 }, { image: null }, { file: undefined }, { link: null }, ['hi']]) {
      expect(isOutgoing(bad)).toBe(false);
    }
  });

  it('isMediaOutgoing, isLinkOutgoing and isCardOutgoing tell the kinds apart', () => {
    expect(isMediaOutgoing({ video: '/v.mp4' })).toBe(true);
    expect(isMediaOutgoing({ text: 'x' })).toBe(false);
    expect(isLinkOutgoing({ link: { title: 't', url: 'u' } })).toBe(true);
    expect(isLinkOutgoing({ link: null } as unknown as Outgoing)).toBe(false);
    expect(isLinkOutgoing('link')).toBe(false);
    expect(isCardOutgoing({ card: '@a' })).toBe(true);
    expect(isCardOutgoing({ text: 'card' })).toBe(false);
  });
});

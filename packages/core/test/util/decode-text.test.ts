import { decodeEmoji, decodeEntities, decodeName, decodeText } from '@wxbot/core/internals';

const span = (hex: string) => `<span class="emoji emoji${hex}"></span>`;

describe('decodeEntities', () => {
  it('decodes the named entities WeChat uses', () => {
    expect(decodeEntities('&lt;b&gt; &amp; &quot;q&quot; &#39;s&apos;&nbsp;x')).toBe('<b> & "q" \'s\'\u00a0x');
  });
  it('decodes decimal and hex numeric entities, including astral code points', () => {
    expect(decodeEntities('&#20320;&#x597D; &#128516; &#X1F600;')).toBe('你好 😄 😀');
  });
  it('decodes once only: a double-escaped entity keeps one level', () => {
    expect(decodeEntities('&amp;lt;tag&amp;gt; &amp;quot;')).toBe('&lt;tag&gt; &quot;');
  });
  it('leaves unknown entities and lone ampersands alone', () => {
    expect(decodeEntities('AT&T &bogus; &#xZZ; a&b')).toBe('AT&T &bogus; &#xZZ; a&b');
  });
});

describe('decodeEmoji', () => {
  it('turns 4- and 5-hex spans into one code point', () => {
    expect(decodeEmoji(`a${span('2600')}b${span('1f604')}`)).toBe('a☀b😄');
  });
  it('splits 8-hex spans into two 4-hex code points', () => {
    expect(decodeEmoji(span('003020e3'))).toBe('0\u20e3');
  });
  it('splits 10-hex spans into two 5-hex code points (flags)', () => {
    expect(decodeEmoji(span('1f1e81f1f3'))).toBe('🇨🇳');
    expect(decodeEmoji(span('1f1fa1f1f8'))).toBe('🇺🇸');
  });
  it.each([
    ['1f63c', '1f601'],
    ['1f639', '1f602'],
    ['1f63a', '1f603'],
    ['1f4ab', '1f616'],
    ['1f64d', '1f614'],
    ['1f63b', '1f60d'],
    ['1f63d', '1f618'],
    ['1f64e', '1f621'],
    ['1f63f', '1f622'],
  ])('remaps the cat-face bug code %s to %s', (bug, real) => {
    expect(decodeEmoji(span(bug))).toBe(String.fromCodePoint(Number.parseInt(real, 16)));
  });
  it('tolerates the broken closing tag after emoji1f450', () => {
    expect(decodeEmoji('clap <span class="emoji emoji1f450"></span done')).toBe('clap 👐 done');
  });
  it('accepts uppercase hex', () => {
    expect(decodeEmoji(span('1F604'))).toBe('😄');
  });
});

describe('decodeText', () => {
  it('converts <br/> to newlines, spans to emoji and entities once', () => {
    expect(decodeText(`1 &lt; 2<br/>ok${span('1f604')} &amp;amp;`)).toBe('1 < 2\nok😄 &amp;');
  });
  it('does not turn user-typed escaped markup into emoji', () => {
    const typed = '&lt;span class=&quot;emoji emoji1f604&quot;&gt;&lt;/span&gt;';
    expect(decodeText(typed)).toBe('<span class="emoji emoji1f604"></span>');
  });
});

describe('decodeName', () => {
  it('decodes emoji spans and entities in nicknames', () => {
    expect(decodeName(`Tom${span('1f63c')} &amp; Jerry`)).toBe('Tom😁 & Jerry');
  });
  it('returns empty string for missing names', () => {
    expect(decodeName(undefined)).toBe('');
    expect(decodeName('')).toBe('');
  });
});

/**
 * Decoding of webwx `Content` and name strings (docs/protocol.md 7.3, edge cases 20-21).
 *
 * Order matters: emoji spans and `<br/>` are real markup while user-typed `<` arrives as
 * `&lt;`, so markup is replaced first and entities are decoded last, exactly once. Decoding
 * twice would turn a user's literal `&amp;lt;` into `<`.
 */

/** Named entities WeChat is seen to emit, plus the common typographic ones. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  copy: '\u00a9',
  reg: '\u00ae',
  yen: '\u00a5',
  middot: '\u00b7',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
};

/**
 * The server sends "cat face" code points for some smileys (a long-standing bug that every
 * client remaps; docs/protocol.md 7.3).
 */
const EMOJI_REMAP: Readonly<Record<string, string>> = {
  '1f63c': '1f601',
  '1f639': '1f602',
  '1f63a': '1f603',
  '1f4ab': '1f616',
  '1f64d': '1f614',
  '1f63b': '1f60d',
  '1f63d': '1f618',
  '1f64e': '1f621',
  '1f63f': '1f622',
};

// `(?:<\/span>?)?`: after emoji1f450 the server sometimes drops the closing `>`.
const EMOJI_SPAN = /<span class="emoji emoji([0-9a-fA-F]{4,10})"><\/span>?/g;
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;
const BR = /<br\s*\/?>/gi;

function codePoint(hex: string): string | undefined {
  const code = Number.parseInt(EMOJI_REMAP[hex.toLowerCase()] ?? hex, 16);
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Splits a span's hex by its length: 4-5 = one code point, 8 = two of 4, 10 = two of 5. */
function emojiFromHex(hex: string): string | undefined {
  if (hex.length === 8 || hex.length === 10) {
    const half = hex.length / 2;
    const first = codePoint(hex.slice(0, half));
    const second = codePoint(hex.slice(half));
    return first !== undefined && second !== undefined ? first + second : undefined;
  }
  return codePoint(hex);
}

/**
 * Replaces `<span class="emoji emojiXXXX"></span>` spans with Unicode emoji.
 * Spans with an unusable code are dropped rather than leaking markup into the text.
 * @example
 * decodeEmoji('hi <span class="emoji emoji1f604"></span>'); // 'hi 😄'
 */
export function decodeEmoji(input: string): string {
  return input.replace(EMOJI_SPAN, (_span, hex: string) => emojiFromHex(hex) ?? '');
}

/**
 * Decodes HTML entities once (named ones WeChat uses, decimal and hex numeric).
 * Unknown named entities are left as they are.
 * @example
 * decodeEntities('a &lt;b&gt; &amp;amp; &#39;c&#x27;'); // "a <b> &amp; 'c'"
 */
export function decodeEntities(input: string): string {
  if (!input.includes('&')) return input;
  return input.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Decodes a message body: emoji spans → Unicode, `<br/>` → `\n`, then entities once.
 * Call it after the group sender prefix was split off (see `splitGroupPrefix`).
 * @example
 * decodeText('a&amp;b<br/><span class="emoji emoji1f1e81f1f3"></span>'); // 'a&b\n🇨🇳'
 */
export function decodeText(content: string): string {
  return decodeEntities(decodeEmoji(content).replace(BR, '\n'));
}

/**
 * Decodes a NickName, RemarkName, DisplayName or Signature (they carry emoji spans and
 * entities too, but no meaningful line breaks).
 * @example
 * decodeName('Tom<span class="emoji emoji1f63c"></span> &amp; Jerry'); // 'Tom😁 & Jerry'
 */
export function decodeName(name: string | undefined | null): string {
  if (!name) return '';
  return decodeEntities(decodeEmoji(name).replace(BR, ' '));
}

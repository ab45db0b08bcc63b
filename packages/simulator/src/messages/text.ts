/**
 * How the server renders text on the wire (docs/protocol.md 7.3): HTML entities,
 * `<br/>` for newlines, and emoji as `<span class="emoji emojiXXXX"></span>`
 * including the server's known bugs.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * The server sends "cat" code points for some faces, which clients must map
 * back (1f63c → 1f601 …). Keyed by the real emoji, valued by what goes on the wire.
 */
const CAT_BUG: Record<string, string> = {
  '1f601': '1f63c',
  '1f602': '1f639',
  '1f603': '1f63a',
  '1f616': '1f4ab',
  '1f614': '1f64d',
  '1f60d': '1f63b',
  '1f618': '1f63d',
  '1f621': '1f64e',
  '1f622': '1f63f',
};

const isRegional = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isEmoji = (cp: number): boolean =>
  cp >= 0x1f000 || (cp >= 0x2600 && cp <= 0x27bf) || cp === 0x2b50 || cp === 0x2b55;

function span(hex: string): string {
  const code = CAT_BUG[hex] ?? hex;
  // emoji1f450 arrives with a broken closing tag (no `>`): reproduce it.
  return code === '1f450' ? `<span class="emoji emoji1f450"></span` : `<span class="emoji emoji${code}"></span>`;
}

/** Replaces emoji code points with spans; U+FE0F selectors are dropped. */
export function emojiToSpans(text: string): string {
  let out = '';
  const cps = Array.from(text);
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] as string;
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfe0f) continue;
    if (!isEmoji(cp)) {
      out += ch;
      continue;
    }
    let hex = cp.toString(16);
    const next = cps[i + 1]?.codePointAt(0) ?? 0;
    // Flags are two regional indicators in one span (10 hex digits).
    if (isRegional(cp) && isRegional(next)) {
      hex += next.toString(16);
      i++;
    }
    out += span(hex);
  }
  return out;
}

/** Plain text → wire Content: entities, emoji spans, `<br/>` line breaks. */
export function toWireText(text: string): string {
  return emojiToSpans(escapeHtml(text)).replace(/\r?\n/g, '<br/>');
}

/** Names (NickName, DisplayName, …) carry emoji spans but are not entity-escaped by us. */
export function toWireName(name: string): string {
  return emojiToSpans(name);
}

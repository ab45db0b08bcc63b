/**
 * Text from the network (nicknames, messages, file names) shown on a terminal. A stranger can put
 * ESC sequences in a nickname that recolour, retitle or clear the terminal, move the cursor to
 * overwrite earlier lines, or (OSC 52) write the clipboard; bidirectional overrides make a line
 * read differently from what it holds. Such characters are shown as visible escapes instead.
 */

// C0 controls except tab and newline, DEL, C1 controls (U+009B is a one-character CSI), and the
// bidirectional marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with terminal control and bidirectional characters replaced by visible escapes
 * (`\x1b`, `\u202e`); tabs and newlines are kept.
 * @example
 * terminalSafe('\u001b]0;pwned\u0007Alice'); // '\\x1b]0;pwned\\x07Alice'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A deep copy of a parsed log line with every string (keys too) made {@link terminalSafe}. */
export function terminalSafeValue(value: unknown): unknown {
  if (typeof value === 'string') return terminalSafe(value);
  if (Array.isArray(value)) return value.map(terminalSafeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // JSON.parse keeps a `__proto__` key as data; assigning it here would set the prototype.
      if (key !== '__proto__') out[terminalSafe(key)] = terminalSafeValue(inner);
    }
    return out;
  }
  return value;
}

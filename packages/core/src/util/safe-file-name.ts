/**
 * File names from the network made safe to use as one path segment on any OS. A stranger picks
 * the `FileName` of what they send, so `path.join(dir, name)` must not be able to leave `dir`,
 * hide a file, spoof its extension with bidirectional overrides, or break a terminal.
 */

/** At most this many UTF-8 bytes: filesystems allow 255, and `.part`-style suffixes need room. */
export const MAX_FILE_NAME_BYTES = 200;

// C0 and C1 controls, DEL, bidirectional marks/overrides/isolates, zero-width characters, the
// BOM, and line/paragraph separators: none of them belongs in a file name a person reads.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/g;
// Lone surrogates cannot be encoded as UTF-8: the filesystem would store U+FFFD or refuse.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Refused or special on Windows (and `:` is the macOS Finder's separator).
const RESERVED_CHARS = /[<>:"|?*]/g;
// Device names Windows opens instead of a file, whatever the extension.
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// An extension worth keeping: short and plain, so it says truthfully what the name ends with.
const SANE_EXT = /^[A-Za-z0-9]{1,10}$/;

function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

// A loop, not `/[\s.]+$/`: that regex is quadratic on a long run of spaces a stranger can send.
function trimEdges(text: string): string {
  const edge = (ch: string | undefined): boolean => ch === '.' || ch === ' ' || (ch !== undefined && ch > '~' && /\s/.test(ch));
  let start = 0;
  let end = text.length;
  while (start < end && edge(text[start])) start++;
  while (end > start && edge(text[end - 1])) end--;
  return text.slice(start, end);
}

// The result keeps at most 200 bytes from the start and the extension from the end, so a huge
// segment is cut to its head and tail first: normalising 10 MB would take a second.
const HEAD_CHARS = 4096;
const TAIL_CHARS = 16;

function cleanSegment(segment: string): string {
  const bounded = segment.length > HEAD_CHARS + TAIL_CHARS ? trimEdges(segment.slice(0, HEAD_CHARS)) + segment.slice(-TAIL_CHARS) : segment;
  return trimEdges(bounded.replace(LONE_SURROGATE, '').normalize('NFC').replace(INVISIBLE, '').replace(RESERVED_CHARS, '_'));
}

function splitExtension(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  return SANE_EXT.test(ext) ? { stem: name.slice(0, dot), ext } : { stem: name, ext: '' };
}

/**
 * The base name of `raw` (no `/` or `\`), without control, bidirectional or zero-width
 * characters, without leading dots or trailing dots and spaces, `_`-prefixed when it is a
 * Windows device name, at most {@link MAX_FILE_NAME_BYTES} UTF-8 bytes with a sane extension
 * kept. `fallback` is returned when nothing usable is left (an empty or all-dots name).
 * @example
 * safeFileName('../../.ssh/authorized_keys', 'file'); // 'authorized_keys'
 * safeFileName('report\u202Egnp.exe', 'file'); // 'reportgnp.exe'
 */
export function safeFileName(raw: unknown, fallback: string): string {
  const text = typeof raw === 'string' ? raw : '';
  const segments = text.split(/[/\\]/);
  let name = '';
  // The last segment with something in it: `dir/` names `dir`, `a/..` names nothing.
  for (let i = segments.length - 1; i >= 0 && name === ''; i--) name = cleanSegment(segments[i] ?? '');
  if (name === '') return fallback;
  const { stem, ext } = splitExtension(name);
  // Windows opens the device for `con.tar.gz` too: what counts is the part before the first dot.
  const safeStem = RESERVED_NAMES.test(stem.split('.')[0] ?? '') ? `_${stem}` : stem;
  const suffix = ext ? `.${ext}` : '';
  const cut = trimEdges(cutToBytes(safeStem, MAX_FILE_NAME_BYTES - Buffer.byteLength(suffix)));
  return cut === '' ? fallback : `${cut}${suffix}`;
}

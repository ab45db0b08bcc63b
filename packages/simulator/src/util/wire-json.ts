/**
 * Serialises response bodies the way the webwx servers print them
 * (docs/protocol.md 3.6, CAP capture): `"Key": value` with a space after the colon
 * but none after commas inside compact objects, 4-space indentation, arrays of
 * objects as `[{ … }, { … }]`, and a few small objects (`BaseResponse`,
 * `SyncKey`) kept on one line. Bare 64-bit integers are emitted through
 * {@link RawJson} because `JSON.stringify` cannot print them exactly.
 */

/** A pre-rendered JSON fragment, printed verbatim (e.g. a 19-digit `NewMsgId`). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Keys whose object values the server prints on a single line. */
const INLINE_KEYS = new Set(['BaseResponse', 'SyncKey', 'SyncCheckKey']);

/** One-line form: `{"Ret": 0,"ErrMsg": ""}`. */
export function compactJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Multi-line form used by the big JSON APIs (init, sync, getcontact, …). */
export function prettyJson(value: unknown, indent = ''): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const objects = value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawJson));
    if (!objects) return compactJson(value);
    return `[${value.map((v) => prettyJson(v, indent)).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}    `;
    const lines = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${INLINE_KEYS.has(k) ? compactJson(v) : prettyJson(v, inner)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

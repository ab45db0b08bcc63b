/** Query parameters of a request; `undefined` values are left out. */
export type Query = Record<string, string | number | undefined>;

const KEPT: Record<string, string> = { '%3A': ':', '%24': '$', '%2C': ',', '%20': '+' };

/**
 * encodeURIComponent, then `:` `$` `,` back to plain and spaces as `+`: the exact form axios
 * put on the wire before, which the simulator and the real server have been parsing
 * (`synckey=1_2%7C3_4`, `skey=%40crypt_...`, `sid=a+b`).
 */
function encode(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded.includes('%') ? encoded.replace(/%(?:3A|24|2C|20)/g, (escape) => KEPT[escape] ?? escape) : encoded;
}

/** `?a=1&b=2` to append to a path (`&a=1...` when it has a query already), or '' when nothing is left. */
export function serializeQuery(query: Query | undefined, hasQuery: boolean): string {
  if (!query) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out || hasQuery ? '&' : '?'}${encode(key)}=${encode(String(value))}`;
  }
  return out;
}

/** Request target (path and query) of `url` with `query` appended; the fragment is dropped. */
export function requestPath(url: URL, query: Query | undefined): string {
  return url.pathname + url.search + serializeQuery(query, url.search !== '');
}
